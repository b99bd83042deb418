//! One typed async method per function, on handles that follow the name's folders
//! (`admin/users/ban` → `functions.admin().users().ban(...)`), each with a typed error enum.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{distinct, distinct_except, ident, pascal, snake};
use super::types::TypeGen;
use crate::model::{Api, Function, InputKind, ResponseKind, Schema, StringFormat};

/// Functions grouped by folder.
#[derive(Default)]
struct Node<'a> {
    functions: Vec<(String, &'a Function)>,
    children: BTreeMap<String, Node<'a>>,
}

fn tree(api: &Api) -> Node<'_> {
    let mut root = Node::default();
    for f in &api.functions {
        let parts: Vec<&str> = f.name.split('/').collect();
        let (leaf, folders) = parts
            .split_last()
            .map(|(l, f)| (*l, f))
            .unwrap_or((f.name.as_str(), &[]));
        let mut node = &mut root;
        for p in folders {
            node = node.children.entry(p.to_string()).or_default();
        }
        node.functions.push((leaf.to_string(), f));
    }
    root
}

/// Every function's items and the handle structs.
pub fn functions(api: &Api, types: &mut TypeGen<'_>) -> TokenStream {
    let root = tree(api);
    let mut out = Vec::new();
    let root_name = types.fresh("Base44Functions");
    handle(&root, &root_name, "", types, &mut out, true);
    quote!(#(#out)*)
}

fn handle(
    node: &Node<'_>,
    name: &str,
    path: &str,
    types: &mut TypeGen<'_>,
    out: &mut Vec<TokenStream>,
    root: bool,
) {
    let id = format_ident!("{}", name);
    // Folders and functions share the method namespace of a handle.
    let mut labels: Vec<String> = node.children.keys().cloned().collect();
    labels.extend(node.functions.iter().map(|(l, _)| l.clone()));
    // The root handle's constructor is `new`.
    let reserved: &[&str] = if root { &["new"] } else { &[] };
    let methods = distinct_except(&labels, snake, reserved);
    let mut body = Vec::new();
    for (i, (seg, child)) in node.children.iter().enumerate() {
        let child_path = if path.is_empty() {
            seg.clone()
        } else {
            format!("{path}/{seg}")
        };
        let child_name = types.fresh(&format!("{}Functions", pascal(&child_path)));
        handle(child, &child_name, &child_path, types, out, false);
        let m = ident(&methods[i]);
        let cid = format_ident!("{}", child_name);
        let d = format!(" Functions under `{child_path}/`.");
        body.push(quote! {
            #[doc = #d]
            pub fn #m(&self) -> #cid { #cid(self.0.clone()) }
        });
    }
    for (j, (_, f)) in node.functions.iter().enumerate() {
        let label = &methods[node.children.len() + j];
        // Type names follow the method's (distinct) name: `get-user` and `get_user` stay apart.
        let base = pascal(&format!("{path}/{label}"));
        body.push(method(f, &ident(label), &base, types, out));
    }
    let doc = if root {
        " Typed calls to every function of the app. Build it with `new(&client)`.".to_string()
    } else {
        format!(" Functions under `{path}/`.")
    };
    let new = if root {
        quote! {
            /// Typed functions of `client` (user or service role).
            pub fn new(client: &::base44_runtime::Client) -> Self { Self(client.functions()) }
        }
    } else {
        quote!()
    };
    out.push(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #id(pub ::base44_runtime::Functions);
        impl #id {
            #new
            #(#body)*
        }
    });
}

fn method(
    f: &Function,
    m: &proc_macro2::Ident,
    base: &str,
    types: &mut TypeGen<'_>,
    out: &mut Vec<TokenStream>,
) -> TokenStream {
    let name = &f.name;
    // The request argument and the payload expression.
    let (arg, payload) = match (&f.input, &f.request) {
        (InputKind::None, _) | (_, None) => (quote!(), quote!(::base44_runtime::Payload::Empty)),
        (InputKind::Text, _) => (
            quote!(body: &str,),
            quote!(::base44_runtime::Payload::Raw {
                content_type: "text/plain;charset=UTF-8".into(),
                body: body.as_bytes().to_vec()
            }),
        ),
        (InputKind::Formdata, Some(schema)) => {
            let (t, build) = form_request(schema, &format!("{base}Request"), types, out);
            (quote!(request: &#t,), build)
        }
        (kind, Some(schema)) => {
            let t = request_type(schema, &format!("{base}Request"), types);
            let payload = if *kind == InputKind::Query {
                quote!(::base44_runtime::Payload::query(request)?)
            } else {
                quote!(::base44_runtime::Payload::json(request)?)
            };
            (quote!(request: &#t,), payload)
        }
    };
    let (ret, read) = match (f.response_kind, &f.response) {
        (ResponseKind::Json, Some(schema)) => {
            let t = response_type(schema, &format!("{base}Response"), types);
            (t, quote!(answer.json().await?))
        }
        (ResponseKind::Stream, _) => (
            quote!(::base44_runtime::ByteStream),
            quote!(answer.stream()),
        ),
        (ResponseKind::Text, _) => (quote!(::std::string::String), quote!(answer.text().await?)),
        _ => (
            quote!(::base44_runtime::bytes::Bytes),
            quote!(answer.bytes().await?),
        ),
    };
    let err = error_enum(f, &format!("{base}Error"), types, out);
    let doc = format!(" Calls `{name}` (`{}`).", f.source);
    let extra = f
        .description
        .as_deref()
        .map(|d| format!(" {d}"))
        .into_iter();
    quote! {
        #[doc = #doc]
        #(#[doc = ""] #[doc = #extra])*
        pub async fn #m(&self, #arg) -> ::std::result::Result<#ret, #err> {
            let answer = self.0.call(#name, #payload).await?;
            Ok(#read)
        }
    }
}

fn request_type(schema: &Schema, name: &str, types: &mut TypeGen<'_>) -> TokenStream {
    match schema {
        Schema::Object(o) if !o.properties.is_empty() => {
            let n = types.fresh(name);
            types.define(schema, &n, None);
            let id = format_ident!("{}", n);
            quote!(#id)
        }
        other => types.ty(other, name),
    }
}

fn response_type(schema: &Schema, name: &str, types: &mut TypeGen<'_>) -> TokenStream {
    request_type(schema, name, types)
}

/// A form request: a struct whose binary fields are files, turned into a multipart form.
fn form_request(
    schema: &Schema,
    name: &str,
    types: &mut TypeGen<'_>,
    out: &mut Vec<TokenStream>,
) -> (TokenStream, TokenStream) {
    let Schema::Object(o) = schema else {
        return (
            quote!(::base44_runtime::Form),
            quote!(::base44_runtime::Payload::Multipart(request.clone())),
        );
    };
    let n = types.fresh(name);
    let id = format_ident!("{}", n);
    let wire: Vec<String> = o.properties.keys().cloned().collect();
    let rust = distinct(&wire, snake);
    let mut fields = Vec::new();
    let mut adds = Vec::new();
    for ((w, r), p) in wire.iter().zip(&rust).zip(o.properties.values()) {
        let fid = ident(r);
        let binary = p.schema == Schema::String(Some(StringFormat::Binary));
        let t = if binary {
            quote!(::base44_runtime::FileUpload)
        } else {
            types.ty(&p.schema, &format!("{n}{}", pascal(w)))
        };
        let add = if binary {
            quote!(form = form.upload(#w, v);)
        } else {
            quote!(form = form.value(#w, v)?;)
        };
        if p.required {
            fields.push(quote!(pub #fid: #t,));
            adds.push(quote! { let v = &self.#fid; #add });
        } else {
            fields.push(quote!(pub #fid: ::std::option::Option<#t>,));
            adds.push(quote! { if let Some(v) = &self.#fid { #add } });
        }
    }
    let d = " Form fields of the request (sent as `multipart/form-data`).";
    out.push(quote! {
        #[doc = #d]
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #id { #(#fields)* }
        impl #id {
            /// The multipart form the SDK would send for these fields.
            pub fn to_form(&self) -> ::std::result::Result<::base44_runtime::Form, ::base44_runtime::Error> {
                let mut form = ::base44_runtime::Form::new();
                #(#adds)*
                Ok(form)
            }
        }
    });
    (
        quote!(#id),
        quote!(::base44_runtime::Payload::Multipart(request.to_form()?)),
    )
}

/// `{Fn}Error`: one variant per documented error status with its typed body, plus `Other`.
fn error_enum(
    f: &Function,
    name: &str,
    types: &mut TypeGen<'_>,
    out: &mut Vec<TokenStream>,
) -> TokenStream {
    let n = types.fresh(name);
    let id = format_ident!("{}", n);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut shows = Vec::new();
    for (status, schema) in &f.errors {
        let v = format_ident!("Status{}", status);
        let t = response_type(schema, &format!("{n}{status}"), types);
        let d = format!(" The function answered {status}.");
        variants.push(quote! { #[doc = #d] #v(#t), });
        arms.push(quote! {
            #status => {
                if let Some(body) = h.json_as::<#t>() {
                    return #id::#v(body);
                }
            }
        });
        let msg = format!("{} answered {status}", f.name);
        shows.push(quote! { #id::#v(_) => f.write_str(#msg), });
    }
    let doc = format!(" Errors of `{}`.", f.name);
    let typed = if arms.is_empty() {
        quote!()
    } else {
        quote! {
            if let Some(h) = e.http() {
                #[allow(clippy::single_match)]
                match h.status {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    out.push(quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub enum #id {
            #(#variants)*
            /// Anything else: transport, timeout, an undocumented status, a body that does not decode.
            Other(::base44_runtime::Error),
        }
        impl ::std::convert::From<::base44_runtime::Error> for #id {
            fn from(e: ::base44_runtime::Error) -> Self {
                #typed
                #id::Other(e)
            }
        }
        impl ::std::fmt::Display for #id {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#shows)*
                    #id::Other(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }
        impl ::std::error::Error for #id {}
    });
    quote!(#id)
}

/// `FunctionName`: every function name as an enum, with `as_str` and `ALL`.
pub fn name_enum(api: &Api, types: &mut TypeGen<'_>) -> TokenStream {
    let n = types.fresh("FunctionName");
    let id = format_ident!("{}", n);
    let names: Vec<String> = api.functions.iter().map(|f| f.name.clone()).collect();
    let rust = distinct(&names, pascal);
    let vs: Vec<proc_macro2::Ident> = rust.iter().map(|r| format_ident!("{}", r)).collect();
    let count = names.len();
    quote! {
        /// Every function of the app.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #id { #(#[doc = #names] #vs,)* }
        impl #id {
            /// All functions, sorted by name.
            pub const ALL: [#id; #count] = [#(#id::#vs,)*];
            /// The deployed name.
            pub const fn as_str(self) -> &'static str {
                match self { #(#id::#vs => #names,)* }
            }
        }
        /// Every function name, sorted.
        pub const FUNCTION_NAMES: [&str; #count] = [#(#names,)*];
    }
}
