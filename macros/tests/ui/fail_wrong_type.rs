mod api {
    base44_macros::functions!("${BASE44_UI_APP}");
}

use api::*;

async fn call(f: &Base44Functions) {
    let _ = f.orders().create(&CreateOrder { customer_id: 42, items: vec![], priority: None }).await;
}

fn main() {}
