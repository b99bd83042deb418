//! The schema of a JS value from evidence: annotations, `as`/`satisfies`, literals, templates,
//! arithmetic, comparisons, well-known methods (`toISOString()`, `.length`...), object and
//! array literals, conditionals, and local variables. Anything else is `{}`.

use rustc_hash::FxHashMap;
use swc_ecma_ast::*;

use super::walk::Body;
use crate::extract::ast_util::{is_ident, member_name, method_call, prop_name, unwrap_expr};
use crate::extract::types::TypeContext;
use crate::model::{ObjectType, Property, Schema, StringFormat};

/// How deep variable and helper lookups go (cycles end here).
const MAX_DEPTH: usize = 24;

/// A helper parameter bound to the caller's argument, evaluated in the caller.
#[derive(Clone, Debug)]
pub struct Bound {
    /// The argument's schema.
    pub schema: Schema,
    /// The argument as a literal status code, if it is one.
    pub status: Option<u16>,
}

/// Everything needed to type expressions of one function body.
pub struct Ctx<'h, 't, 'a> {
    /// Type annotations → schemas.
    pub types: &'t mut TypeContext<'a>,
    /// The function's own declarations and returns.
    pub body: &'h Body<'h>,
    /// Parameters bound by the caller (helpers).
    pub env: FxHashMap<String, Bound>,
    /// Lookup depth so far.
    pub depth: usize,
    /// The module the function lives in (its top-level constants are visible).
    pub module: &'h Module,
}

const STRING_METHODS: &[&str] = &[
    "toISOString",
    "toString",
    "toFixed",
    "toLocaleString",
    "toLocaleDateString",
    "toLocaleTimeString",
    "toUpperCase",
    "toLowerCase",
    "trim",
    "join",
    "padStart",
    "padEnd",
    "replace",
    "replaceAll",
    "substring",
    "charAt",
    "toDateString",
    "toJSON",
    "randomUUID",
    "stringify",
    "encode64",
    "normalize",
];
const NUMBER_METHODS: &[&str] = &[
    "indexOf",
    "findIndex",
    "getTime",
    "valueOf",
    "charCodeAt",
    "now",
    "round",
    "floor",
    "ceil",
    "abs",
    "max",
    "min",
    "random",
    "parseInt",
    "parseFloat",
    "pow",
    "sqrt",
    "lastIndexOf",
];
const BOOL_METHODS: &[&str] = &[
    "includes",
    "startsWith",
    "endsWith",
    "some",
    "every",
    "has",
    "test",
    "isArray",
    "isInteger",
    "isFinite",
    "isNaN",
];
const ARRAY_METHODS: &[&str] = &[
    "map", "filter", "slice", "flatMap", "concat", "sort", "reverse", "split", "flat", "keys",
    "values", "entries", "from", "toSorted",
];

impl Ctx<'_, '_, '_> {
    /// The schema of `e`.
    pub fn value(&mut self, e: &Expr) -> Schema {
        if self.depth > MAX_DEPTH {
            return Schema::Any;
        }
        self.depth += 1;
        let s = self.value_inner(e);
        self.depth -= 1;
        s
    }

    fn value_inner(&mut self, e: &Expr) -> Schema {
        match e {
            Expr::TsAs(a) => self.declared(&a.type_ann, &a.expr),
            Expr::TsSatisfies(s) => self.declared(&s.type_ann, &s.expr),
            Expr::TsTypeAssertion(a) => self.declared(&a.type_ann, &a.expr),
            Expr::TsConstAssertion(a) => self.value(&a.expr),
            Expr::TsNonNull(n) => self.value(&n.expr),
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Await(a) => self.value(&a.arg),
            Expr::Lit(l) => match l {
                Lit::Str(_) | Lit::Regex(_) => Schema::string(),
                Lit::Num(_) => Schema::Number,
                Lit::BigInt(_) => Schema::Integer,
                Lit::Bool(_) => Schema::Boolean,
                Lit::Null(_) => Schema::Null,
                _ => Schema::Any,
            },
            Expr::Tpl(_) => Schema::string(),
            Expr::Object(o) => Schema::Object(self.object(o)),
            Expr::Array(a) => {
                let items: Vec<Schema> = a
                    .elems
                    .iter()
                    .flatten()
                    .map(|el| {
                        let v = self.value(&el.expr);
                        if el.spread.is_some() {
                            match v {
                                Schema::Array(i) => *i,
                                _ => Schema::Any,
                            }
                        } else {
                            v
                        }
                    })
                    .collect();
                Schema::Array(Box::new(if items.is_empty() {
                    Schema::Any
                } else {
                    Schema::union(items)
                }))
            }
            Expr::Ident(i) => self.ident(&i.sym),
            Expr::Bin(b) => self.binary(b),
            Expr::Unary(u) => match u.op {
                UnaryOp::Bang | UnaryOp::Delete => Schema::Boolean,
                UnaryOp::Minus | UnaryOp::Plus | UnaryOp::Tilde => Schema::Number,
                UnaryOp::TypeOf => Schema::string(),
                _ => Schema::Any,
            },
            Expr::Cond(c) => {
                let a = self.value(&c.cons);
                let b = self.value(&c.alt);
                Schema::union([a, b])
            }
            Expr::Call(c) => self.call(c),
            Expr::New(n) if is_ident(&n.callee, "Date") => {
                Schema::String(Some(StringFormat::DateTime))
            }
            Expr::New(n) if is_ident(&n.callee, "Array") => Schema::Array(Box::new(Schema::Any)),
            Expr::Member(m) => self.member(&m.obj, &m.prop),
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Member(m) => self.member(&m.obj, &m.prop),
                _ => Schema::Any,
            },
            _ => Schema::Any,
        }
    }

    /// `x as T` / `x satisfies T`: the declared type, unless it says nothing (`as any`).
    fn declared(&mut self, ty: &TsType, inner: &Expr) -> Schema {
        match self.types.schema_of(ty) {
            Schema::Any => self.value(inner),
            s => s,
        }
    }

    fn ident(&mut self, name: &str) -> Schema {
        if let Some(b) = self.env.get(name) {
            return b.schema.clone();
        }
        let Some(d) = self
            .body
            .decl(name)
            .or_else(|| crate::extract::ast_util::module_decl(self.module, name))
        else {
            return Schema::Any;
        };
        if let Pat::Ident(b) = &d.name {
            if let Some(t) = &b.type_ann {
                return self.types.schema_of(&t.type_ann);
            }
            // `let every = null; ... every = iv;`: a placeholder, not the value it ends with.
            // (Other first values are taken to show the type the later ones keep.)
            let placeholder = d.init.as_deref().is_none_or(|i| {
                matches!(
                    crate::extract::ast_util::unwrap_expr(i),
                    Expr::Lit(Lit::Null(_))
                ) || crate::extract::ast_util::is_ident(i, "undefined")
            });
            if placeholder && self.body.is_reassigned(name) {
                return Schema::Any;
            }
        }
        match d.init.as_deref() {
            Some(init) => self.value(init),
            None => Schema::Any,
        }
    }

    fn binary(&mut self, b: &BinExpr) -> Schema {
        use BinaryOp::*;
        match b.op {
            Sub | Mul | Div | Mod | Exp | BitAnd | BitOr | BitXor | LShift | RShift
            | ZeroFillRShift => Schema::Number,
            EqEq | NotEq | EqEqEq | NotEqEq | Lt | LtEq | Gt | GtEq | In | InstanceOf => {
                Schema::Boolean
            }
            Add => {
                let (l, r) = (self.value(&b.left), self.value(&b.right));
                match (&l, &r) {
                    (Schema::String(_), _) | (_, Schema::String(_)) => Schema::string(),
                    (Schema::Number | Schema::Integer, Schema::Number | Schema::Integer) => {
                        Schema::Number
                    }
                    _ => Schema::Any,
                }
            }
            LogicalOr | NullishCoalescing => {
                let l = self.value(&b.left);
                let r = self.value(&b.right);
                // `x ?? fallback`: x when present (not null), else the fallback.
                let l = match l {
                    Schema::Union(items) => {
                        Schema::union(items.into_iter().filter(|i| *i != Schema::Null))
                    }
                    other => other,
                };
                Schema::union([l, r])
            }
            LogicalAnd => {
                let l = self.value(&b.left);
                let r = self.value(&b.right);
                if l == Schema::Boolean && r == Schema::Boolean {
                    Schema::Boolean
                } else {
                    Schema::union([l, r])
                }
            }
        }
    }

    fn call(&mut self, c: &CallExpr) -> Schema {
        if let Some((obj, m)) = method_call(c) {
            let m = &*m;
            if is_ident(obj, "JSON") && m == "parse" {
                return Schema::Any;
            }
            if is_ident(obj, "Object") {
                return match m {
                    "keys" => Schema::Array(Box::new(Schema::string())),
                    "values" | "entries" => Schema::Array(Box::new(Schema::Any)),
                    _ => Schema::Any,
                };
            }
            if STRING_METHODS.contains(&m) {
                return Schema::string();
            }
            if NUMBER_METHODS.contains(&m) {
                return Schema::Number;
            }
            if BOOL_METHODS.contains(&m) {
                return Schema::Boolean;
            }
            if ARRAY_METHODS.contains(&m) {
                // Filtering and sorting keep the element type; mapping does not (yet).
                if matches!(m, "filter" | "slice" | "sort" | "reverse" | "toSorted") {
                    if let Schema::Array(item) = self.value(obj) {
                        return Schema::Array(item);
                    }
                }
                if m == "split" {
                    return Schema::Array(Box::new(Schema::string()));
                }
                return Schema::Array(Box::new(Schema::Any));
            }
            return Schema::Any;
        }
        let Callee::Expr(callee) = &c.callee else {
            return Schema::Any;
        };
        match unwrap_expr(callee) {
            Expr::Ident(i) => match &*i.sym {
                "String" | "encodeURIComponent" | "btoa" | "atob" => Schema::string(),
                "Number" | "parseInt" | "parseFloat" => Schema::Number,
                "Boolean" | "isNaN" => Schema::Boolean,
                _ => Schema::Any,
            },
            _ => Schema::Any,
        }
    }

    fn member(&mut self, obj: &Expr, prop: &MemberProp) -> Schema {
        let Some(name) = member_name(prop) else {
            return Schema::Any;
        };
        if name == "length" {
            return Schema::Integer;
        }
        let base = self.value(obj);
        match self.types.object_of(&base) {
            Some(o) => o
                .properties
                .get(&name)
                .map(|p| p.schema.clone())
                .unwrap_or(Schema::Any),
            None => Schema::Any,
        }
    }

    /// An object literal: every listed key is present (required); spreads of known objects
    /// merge their properties; `undefined` values are dropped, as JSON does.
    pub fn object(&mut self, o: &ObjectLit) -> ObjectType {
        let mut out = ObjectType::default();
        for p in &o.props {
            match p {
                PropOrSpread::Spread(s) => {
                    let v = self.value(&s.expr);
                    if let Some(obj) = self.types.object_of(&v) {
                        out.properties.extend(obj.properties);
                    }
                }
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) => {
                        if is_ident(&kv.value, "undefined") {
                            continue;
                        }
                        if let Some(name) = prop_name(&kv.key) {
                            let v = self.value(&kv.value);
                            out.properties.insert(name, Property::required(v));
                        }
                    }
                    Prop::Shorthand(i) => {
                        let v = self.ident(&i.sym);
                        out.properties
                            .insert(i.sym.as_str().to_owned(), Property::required(v));
                    }
                    _ => {}
                },
            }
        }
        out
    }
}
