#![deny(warnings)]

mod api {
    base44_macros::functions!("${BASE44_UI_APP}");
}

use api::*;
use base44_runtime::serde_json;

async fn calls(f: &Base44Functions) -> Result<(), Box<dyn std::error::Error>> {
    let created = f
        .orders()
        .create(&CreateOrder {
            customer_id: "c".into(),
            items: vec![Item { sku: "s".into(), qty: 1.0 }],
            priority: Some(CreateOrderPriority::High),
        })
        .await?;
    let _: (String, i64) = (created.order_id, created.total);
    let _: bool = f.health().await?.ok;
    let _ = f.r#type(&TypeRequest { value: Some(serde_json::json!(1)) }).await?;
    // `get_user` keeps its name; `get-user` gets a suffix; both exist.
    let _ = f.get_user(&GetUserRequest { id: None }).await?;
    let _ = f.get_user_2(&GetUser2Request { id: None }).await?;
    let _svg: String = f._3d_render().await?;
    let _ = f.cafu00e9().await?;
    let node = Node { value: 1.0, children: vec![], parent: None };
    let shape = Shape::Circle(ShapeCircle { r: 1.0 });
    let _ = f.tree(&TreeReq { root: node, shape, id: Id::String("x".into()) }).await?;
    let banned = f
        .admin()
        .users()
        .ban(&AdminUsersBanRequest { user_id: serde_json::json!("u1"), days: Some(3.0) })
        .await;
    if let Err(AdminUsersBanError::Status400(body)) = &banned {
        let _: &str = &body.error;
    }
    let _ = FunctionName::ALL.len() + FUNCTION_NAMES.len();
    Ok(())
}

fn main() {
    let client = base44_runtime::Client::builder().app_id("a").build().expect("client");
    let f = Base44Functions::new(&client);
    drop(calls(&f));
}
