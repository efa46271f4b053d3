//! The few browser services the planner needs: saving a file, copying text
//! and reading a file the user picked or dropped. Each reports failure as
//! a message rather than panicking.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |what: &str| format!("could not save {file_name}: {what}");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .map_err(|_| failed("the browser refused the file"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| failed("the browser refused a download link"))?;

    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| {
            element.dyn_into::<web_sys::HtmlAnchorElement>().ok()
        })
        .ok_or_else(|| failed("no document to download from"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard.
pub async fn copy(text: String) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|window| window.navigator().clipboard())
        .ok_or("no clipboard in this browser")?;
    JsFuture::from(clipboard.write_text(&text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_owned())
}

/// Reads a file as text.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("could not read {name}"))?;
    text.as_string()
        .ok_or_else(|| format!("{name} is not a text file"))
}
