//! Starts the web app: installs the panic hook and mounts [`App`] on the
//! page body. Everything the page shows lives in the library.

use mwaa_vpc_planner::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
