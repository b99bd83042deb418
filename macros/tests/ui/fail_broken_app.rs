mod api {
    base44_macros::functions!("${BASE44_UI_BROKEN_APP}");
}

fn main() {}
