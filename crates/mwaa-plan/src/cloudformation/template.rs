//! A CloudFormation template as data: ordered, so a plan always gives the
//! same bytes, and free of any output syntax, so one template prints as
//! YAML or JSON alike.

/// A value in a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// An integer, such as a port.
    Integer(i64),
    /// A boolean.
    Bool(bool),
    /// A list.
    List(Vec<Value>),
    /// A map, in the order its entries were added.
    Map(Map),
    /// `!Ref name`: a parameter's value or a resource's id.
    Ref(String),
    /// `!GetAtt resource.attribute`.
    GetAtt(String, String),
    /// `!Sub text`: text with `${Name}` placeholders.
    Sub(String),
    /// `!Join ["", parts]`: the strings one after another.
    Join(Vec<String>),
    /// No value, as JSON's `null`.
    Null,
}

/// A map with its keys in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

/// A template parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// The parameter's logical id.
    pub id: String,
    /// Its type, such as `AWS::EC2::Subnet::Id` or `String`.
    pub kind: String,
    /// What to give it.
    pub description: String,
    /// The value it takes when none is given.
    pub default: Option<String>,
    /// A pattern the value must match, for `String` parameters.
    pub allowed_pattern: Option<String>,
}

/// A resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// The resource's logical id.
    pub id: String,
    /// Its type, such as `AWS::EC2::Subnet`.
    pub kind: String,
    /// The group it is printed under, such as `Subnets`.
    pub group: String,
    /// Logical ids of resources that must be created first, beyond those
    /// its properties refer to.
    pub depends_on: Vec<String>,
    /// Its properties.
    pub properties: Map,
}

/// An output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The output's logical id.
    pub id: String,
    /// What it is.
    pub description: String,
    /// Its value.
    pub value: Value,
}

/// A whole template.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    /// What the template creates.
    pub description: String,
    /// Its parameters, in order.
    pub parameters: Vec<Parameter>,
    /// Its resources, in order, grouped.
    pub resources: Vec<Resource>,
    /// Its outputs, in order.
    pub outputs: Vec<Output>,
}

impl Map {
    /// An empty map.
    pub fn new() -> Map {
        Map::default()
    }

    /// Adds an entry after the others and returns the map, for building
    /// maps in one expression.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Map {
        self.insert(key, value);
        self
    }

    /// Adds an entry after the others.
    pub fn insert(&mut self, key: &str, value: impl Into<Value>) {
        self.entries.push((key.to_owned(), value.into()));
    }

    /// The value of a key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether the map has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Value {
    /// `!Ref id`.
    pub fn reference(id: &str) -> Value {
        Value::Ref(id.to_owned())
    }

    /// `!GetAtt resource.attribute`.
    pub fn attribute(resource: &str, attribute: &str) -> Value {
        Value::GetAtt(resource.to_owned(), attribute.to_owned())
    }

    /// The `Tags` list with one `Name` tag.
    pub fn name_tag(name: &str) -> Value {
        Value::List(vec![Map::new()
            .with("Key", "Name")
            .with("Value", name)
            .into()])
    }
}

impl Template {
    /// The resource with this logical id.
    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|resource| resource.id == id)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::String(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Value {
        Value::Bool(flag)
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Value {
        Value::Integer(number)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Map(map)
    }
}

impl From<Vec<Value>> for Value {
    fn from(list: Vec<Value>) -> Value {
        Value::List(list)
    }
}
