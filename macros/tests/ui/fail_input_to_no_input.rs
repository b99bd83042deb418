mod api {
    base44_macros::functions!("${BASE44_UI_APP}");
}

use api::*;
use base44_runtime::serde_json;

async fn call(f: &Base44Functions) {
    let _ = f.health(&serde_json::json!({"verbose": true})).await;
}

fn main() {}
