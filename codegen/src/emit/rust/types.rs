//! Schemas → Rust types and the items (structs, enums) that define them.
//!
//! Rules: objects → structs (wire names kept with `rename`); optional fields → `Option<T>`
//! omitted when `None`; `T | null` → `Option<T>` (sent as `null`); string-literal unions →
//! enums; unions of objects sharing a string-literal field → internally tagged enums; other
//! unions → untagged enums; `{}` → `serde_json::Value`; maps → `BTreeMap<String, T>`;
//! date-time strings → `String`; references that lead back to their own type → `Box`.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{distinct, ident, pascal, snake};
use crate::model::{Literal, ObjectType, Schema, TypeDef};

/// Generates Rust types for schemas, collecting the items they need.
pub struct TypeGen<'a> {
    defs: &'a BTreeMap<String, TypeDef>,
    /// Def name → Rust type name.
    def_names: BTreeMap<String, String>,
    /// Rust type names in use.
    taken: BTreeSet<String>,
    /// Defs reachable from each def through references.
    reach: BTreeMap<String, BTreeSet<String>>,
    /// The def whose items are being generated (for recursion boxing).
    current: Option<String>,
    /// Generated items by type name (sorted output).
    pub items: BTreeMap<String, TokenStream>,
}

fn derives(copy: bool) -> TokenStream {
    let extra = if copy {
        quote!(Copy, Eq, Hash, PartialOrd, Ord,)
    } else {
        quote!()
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, #extra ::base44_runtime::serde::Serialize, ::base44_runtime::serde::Deserialize)]
        #[serde(crate = "::base44_runtime::serde")]
    }
}

fn doc(desc: Option<&str>) -> TokenStream {
    match desc {
        Some(d) => {
            let lines = d.lines().map(|l| format!(" {l}"));
            quote!(#(#[doc = #lines])*)
        }
        None => quote!(),
    }
}

fn refs(schema: &Schema, out: &mut BTreeSet<String>) {
    match schema {
        Schema::Ref(n) => {
            out.insert(n.clone());
        }
        Schema::Array(i) => refs(i, out),
        Schema::Tuple { items, rest, .. } => {
            items.iter().for_each(|i| refs(i, out));
            if let Some(r) = rest {
                refs(r, out);
            }
        }
        Schema::Object(o) => {
            o.properties.values().for_each(|p| refs(&p.schema, out));
            if let Some(a) = &o.additional {
                refs(a, out);
            }
        }
        Schema::Union(items) => items.iter().for_each(|i| refs(i, out)),
        _ => {}
    }
}

impl<'a> TypeGen<'a> {
    /// A generator for an app's named types; every def gets its (PascalCase) name first.
    pub fn new(defs: &'a BTreeMap<String, TypeDef>) -> Self {
        let mut direct: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, def) in defs {
            let mut r = BTreeSet::new();
            refs(&def.schema, &mut r);
            direct.insert(name.clone(), r);
        }
        let mut reach = direct.clone();
        // Transitive closure; defs are few, so the simple fixpoint is fine.
        loop {
            let mut changed = false;
            for name in defs.keys() {
                let via: BTreeSet<String> = reach[name]
                    .iter()
                    .flat_map(|n| reach.get(n).cloned().unwrap_or_default())
                    .collect();
                let entry = reach.entry(name.clone()).or_default();
                let before = entry.len();
                entry.extend(via);
                changed |= entry.len() != before;
            }
            if !changed {
                break;
            }
        }
        let keys: Vec<String> = defs.keys().cloned().collect();
        let rust = distinct(&keys, pascal);
        let def_names: BTreeMap<String, String> =
            keys.into_iter().zip(rust.iter().cloned()).collect();
        TypeGen {
            defs,
            def_names,
            taken: rust.into_iter().collect(),
            reach,
            current: None,
            items: BTreeMap::new(),
        }
    }

    /// Generate every named type.
    pub fn all_defs(&mut self) {
        for (name, def) in self.defs {
            let rust = self.def_names[name].clone();
            self.current = Some(name.clone());
            self.define(&def.schema, &rust, def.description.as_deref());
            self.current = None;
        }
    }

    /// A fresh type name starting from `base`.
    pub fn fresh(&mut self, base: &str) -> String {
        let base = pascal(base);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// Emit `schema` as a named item `name` (struct, enum or alias).
    pub fn define(&mut self, schema: &Schema, name: &str, desc: Option<&str>) {
        let ty = format_ident!("{}", name);
        let d = doc(desc);
        let item = match schema {
            Schema::Object(o) if !o.properties.is_empty() => self.struct_item(o, name, desc),
            Schema::Enum(lits) if lits.iter().all(|l| matches!(l, Literal::String(_))) => {
                string_enum(lits, name, desc)
            }
            Schema::Union(items) if union_kind(items) != UnionKind::Nullable => {
                self.union_item(items, name, desc)
            }
            other => {
                let t = self.ty(other, name);
                quote! { #d pub type #ty = #t; }
            }
        };
        self.items.insert(name.to_string(), item);
    }

    /// The Rust type of `schema`; `hint` names any item it needs.
    pub fn ty(&mut self, schema: &Schema, hint: &str) -> TokenStream {
        match schema {
            Schema::Any => quote!(::base44_runtime::serde_json::Value),
            Schema::Null => quote!(()),
            Schema::Boolean => quote!(bool),
            Schema::Number => quote!(f64),
            Schema::Integer => quote!(i64),
            // Binary fields only travel in forms, which are generated separately.
            Schema::String(_) => quote!(::std::string::String),
            Schema::Const(Literal::String(_)) => quote!(::std::string::String),
            Schema::Const(Literal::Number(_)) => quote!(f64),
            Schema::Const(Literal::Bool(_)) => quote!(bool),
            Schema::Enum(lits) if lits.iter().all(|l| matches!(l, Literal::String(_))) => {
                let name = self.fresh(hint);
                self.items
                    .insert(name.clone(), string_enum(lits, &name, None));
                let id = format_ident!("{}", name);
                quote!(#id)
            }
            Schema::Enum(lits) if lits.iter().all(|l| matches!(l, Literal::Number(_))) => {
                quote!(f64)
            }
            Schema::Enum(_) => quote!(::base44_runtime::serde_json::Value),
            Schema::Array(item) => {
                let t = self.ty(item, &format!("{hint}Item"));
                quote!(::std::vec::Vec<#t>)
            }
            Schema::Tuple {
                items,
                min_items,
                rest,
            } if rest.is_none() && *min_items == items.len() && !items.is_empty() => {
                let ts: Vec<TokenStream> = items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| self.ty(s, &format!("{hint}{i}")))
                    .collect();
                quote!((#(#ts,)*))
            }
            Schema::Tuple { .. } => quote!(::std::vec::Vec<::base44_runtime::serde_json::Value>),
            Schema::Object(o) if o.properties.is_empty() => {
                let v = match &o.additional {
                    Some(a) => self.ty(a, &format!("{hint}Value")),
                    None => quote!(::base44_runtime::serde_json::Value),
                };
                quote!(::std::collections::BTreeMap<::std::string::String, #v>)
            }
            Schema::Object(o) => {
                let name = self.fresh(hint);
                let item = self.struct_item(o, &name, None);
                self.items.insert(name.clone(), item);
                let id = format_ident!("{}", name);
                quote!(#id)
            }
            Schema::Union(items) => match union_kind(items) {
                UnionKind::Nullable => {
                    let inner: Vec<&Schema> =
                        items.iter().filter(|i| **i != Schema::Null).collect();
                    let t = match inner.as_slice() {
                        [one] => self.ty(one, hint),
                        _ => self.ty(&Schema::Union(inner.into_iter().cloned().collect()), hint),
                    };
                    quote!(::std::option::Option<#t>)
                }
                _ => {
                    let name = self.fresh(hint);
                    let item = self.union_item(items, &name, None);
                    self.items.insert(name.clone(), item);
                    let id = format_ident!("{}", name);
                    quote!(#id)
                }
            },
            Schema::Ref(def) => {
                let name = self
                    .def_names
                    .get(def)
                    .cloned()
                    .unwrap_or_else(|| pascal(def));
                let id = format_ident!("{}", name);
                let cyclic = self
                    .current
                    .as_ref()
                    .is_some_and(|cur| self.reach.get(def).is_some_and(|r| r.contains(cur)));
                if cyclic {
                    quote!(::std::boxed::Box<#id>)
                } else {
                    quote!(#id)
                }
            }
        }
    }

    fn struct_item(&mut self, o: &ObjectType, name: &str, desc: Option<&str>) -> TokenStream {
        let id = format_ident!("{}", name);
        let d = doc(desc);
        let wire: Vec<String> = o.properties.keys().cloned().collect();
        let rust = distinct(&wire, snake);
        let mut fields = Vec::new();
        for ((w, r), p) in wire.iter().zip(&rust).zip(o.properties.values()) {
            let field = ident(r);
            let t = self.ty(&p.schema, &format!("{name}{}", pascal(w)));
            let rename = if r != w {
                quote!(#[serde(rename = #w)])
            } else {
                quote!()
            };
            let fd = doc(p.description.as_deref());
            if p.required {
                fields.push(quote! { #fd #rename pub #field: #t, });
            } else {
                fields.push(quote! {
                    #fd #rename
                    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
                    pub #field: ::std::option::Option<#t>,
                });
            }
        }
        if let Some(a) = &o.additional {
            let t = self.ty(a, &format!("{name}Extra"));
            fields.push(quote! {
                /// Other keys.
                #[serde(flatten)]
                pub extra: ::std::collections::BTreeMap<::std::string::String, #t>,
            });
        }
        let der = derives(false);
        quote! { #d #der pub struct #id { #(#fields)* } }
    }

    fn union_item(&mut self, items: &[Schema], name: &str, desc: Option<&str>) -> TokenStream {
        let id = format_ident!("{}", name);
        let d = doc(desc);
        let der = derives(false);
        if let Some((tag, variants)) = self.discriminated(items) {
            let tags: Vec<String> = variants.iter().map(|(t, _)| t.clone()).collect();
            let rust = distinct(&tags, pascal);
            let mut vs = Vec::new();
            for ((t, obj), r) in variants.iter().zip(&rust) {
                let vid = format_ident!("{}", r);
                let inner = self.fresh(&format!("{name}{r}"));
                let item = if obj.properties.is_empty() {
                    let iid = format_ident!("{}", inner);
                    quote! { #der pub struct #iid {} }
                } else {
                    self.struct_item(obj, &inner, None)
                };
                self.items.insert(inner.clone(), item);
                let iid = format_ident!("{}", inner);
                vs.push(quote! { #[serde(rename = #t)] #vid(#iid), });
            }
            return quote! { #d #der #[serde(tag = #tag)] pub enum #id { #(#vs)* } };
        }
        let mut vs = Vec::new();
        let mut used = BTreeSet::new();
        for (i, s) in items.iter().enumerate() {
            let base = match s {
                Schema::String(_) | Schema::Const(Literal::String(_)) => "String",
                Schema::Number | Schema::Integer | Schema::Const(Literal::Number(_)) => "Number",
                Schema::Boolean | Schema::Const(Literal::Bool(_)) => "Bool",
                Schema::Null => "Null",
                Schema::Array(_) | Schema::Tuple { .. } => "Array",
                Schema::Ref(r) => r.as_str(),
                _ => "Variant",
            };
            let mut v = pascal(base);
            if !used.insert(v.clone()) {
                v = format!("{v}{i}");
                used.insert(v.clone());
            }
            let vid = format_ident!("{}", v);
            if *s == Schema::Null {
                vs.push(quote! { #vid, });
            } else {
                let t = self.ty(s, &format!("{name}{v}"));
                vs.push(quote! { #vid(#t), });
            }
        }
        quote! { #d #der #[serde(untagged)] pub enum #id { #(#vs)* } }
    }

    /// A union of objects that all have one string-literal property (the tag), with distinct
    /// values: the tag and, per variant, its value and the object without the tag.
    fn discriminated(&self, items: &[Schema]) -> Option<(String, Vec<(String, ObjectType)>)> {
        let objects: Vec<ObjectType> = items
            .iter()
            .map(|s| match s {
                Schema::Object(o) => Some(o.clone()),
                Schema::Ref(r) => match self.defs.get(r).map(|d| &d.schema) {
                    Some(Schema::Object(o)) => Some(o.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Option<_>>()?;
        let first = objects.first()?;
        'tags: for (key, prop) in &first.properties {
            if !matches!(prop.schema, Schema::Const(Literal::String(_))) {
                continue;
            }
            let mut variants = Vec::new();
            let mut seen = BTreeSet::new();
            for o in &objects {
                let Some(Schema::Const(Literal::String(v))) =
                    o.properties.get(key).map(|p| &p.schema)
                else {
                    continue 'tags;
                };
                if !seen.insert(v.clone()) {
                    continue 'tags;
                }
                let mut rest = o.clone();
                rest.properties.remove(key);
                variants.push((v.clone(), rest));
            }
            return Some((key.clone(), variants));
        }
        None
    }
}

#[derive(PartialEq)]
enum UnionKind {
    /// `T | null` (one or more non-null members plus null).
    Nullable,
    Other,
}

fn union_kind(items: &[Schema]) -> UnionKind {
    if items.contains(&Schema::Null) && items.len() == 2 {
        UnionKind::Nullable
    } else {
        UnionKind::Other
    }
}

fn string_enum(lits: &[Literal], name: &str, desc: Option<&str>) -> TokenStream {
    let id = format_ident!("{}", name);
    let d = doc(desc);
    let values: Vec<String> = lits
        .iter()
        .filter_map(|l| match l {
            Literal::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let rust = distinct(&values, pascal);
    let vs = values.iter().zip(&rust).map(|(w, r)| {
        let vid = format_ident!("{}", r);
        quote! { #[serde(rename = #w)] #vid, }
    });
    let der = derives(true);
    quote! { #d #der pub enum #id { #(#vs)* } }
}
