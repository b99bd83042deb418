//! Reads of the input object and what they prove: fields read (`body.x`, destructuring),
//! optionality (defaults, `?.`, `??`, `||`), requiredness (rejections when missing), types
//! (`typeof`, literals, array and string methods), and closed literal sets (`switch`/`if`
//! dispatch with a rejecting fallback).

use std::collections::{BTreeMap, HashMap, HashSet};

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::fields::{Field, ITEMS};
use super::module_facts::literal_list;
use crate::extract::ast_util::{
    is_ident, member_name, method_call, prop_name, str_value, unwrap_expr,
};
use crate::extract::status::rejects;
use crate::model::{Literal, Schema};

/// Methods only arrays have (`slice`, `includes`, `indexOf`, `concat` exist on strings too).
const ARRAY_METHODS: &[&str] = &[
    "map",
    "forEach",
    "filter",
    "reduce",
    "some",
    "every",
    "find",
    "findIndex",
    "join",
    "flatMap",
    "sort",
];
const STRING_METHODS: &[&str] = &[
    "trim",
    "toLowerCase",
    "toUpperCase",
    "split",
    "startsWith",
    "endsWith",
    "replace",
    "replaceAll",
    "padStart",
    "charAt",
    "substring",
    "match",
    "normalize",
];

/// The input object as the code uses it.
#[derive(Default)]
pub struct Scope {
    /// Names bound to the whole input object (`body`, `payload`, a `...rest`).
    pub bodies: HashSet<String>,
    /// Local names bound to one field: name → wire path.
    pub locals: HashMap<String, Vec<String>>,
    /// Fields found, by wire name.
    pub fields: BTreeMap<String, Field>,
    /// Functions of the module the input was passed to: (function name, argument index, keys
    /// the argument sets itself). `save(body)` passes the input; `save({ ...body, kind })`
    /// passes a copy whose `kind` is not the input's.
    pub passed_to: Vec<(String, usize, Vec<String>)>,
    /// Names whose `.get("x")` reads field `x` (a `FormData`, a `URLSearchParams`).
    pub getters: HashSet<String>,
    /// Names of `URL` objects whose `.searchParams.get("x")` reads field `x`.
    pub urls: HashSet<String>,
    /// A closed `switch` on a top-level field: the field and, per case value, the fields that
    /// case reads (with the evidence found inside the case alone).
    pub dispatch: Option<Dispatch>,
    /// Module-level `const NAME = ["a", "b"]`: allowed-value lists for `!NAME.includes(x)`
    /// rejections and keys for `for (const k of NAME)` loops.
    pub lists: HashMap<String, Vec<Literal>>,
    /// Module functions that reject a missing argument: name → parameter indices (see
    /// [`super::module_facts::module_guards`]).
    pub guards: HashMap<String, Vec<usize>>,
    /// Locals derived from a field so that a missing field leaves them falsy
    /// (`String(body.x || "")`, `(body.x || "").trim()`, `Number(body.x)`): rejecting a falsy
    /// one rejects a missing field. Their values are not the field's, so they carry no type.
    pub derived: HashMap<String, Vec<String>>,
    /// Locals bound with a truthy default (`{ limit = 10 }`): never falsy when the field is
    /// missing, so rejecting a falsy one proves nothing about the field.
    pub defaulted: HashSet<String>,
}

/// The discriminant field of a closed `switch` and, per case value, the fields that case reads.
pub type Dispatch = (String, Vec<(String, BTreeMap<String, Field>)>);

impl Scope {
    /// The field at `path`, created when new.
    pub fn field(&mut self, path: &[String]) -> Option<&mut Field> {
        let (first, rest) = path.split_first()?;
        let mut f = self.fields.entry(first.clone()).or_default();
        for p in rest {
            f = if p == ITEMS {
                &mut **f.items.get_or_insert_with(Box::default)
            } else {
                f.nested.entry(p.clone()).or_default()
            };
        }
        Some(f)
    }

    /// Bind the names of a destructuring pattern over the input object (or a field of it at
    /// `prefix`). Defaults make fields optional and give their type.
    pub fn destructure(&mut self, pat: &Pat, prefix: &[String]) {
        match pat {
            Pat::Ident(b) if prefix.is_empty() => {
                self.bodies.insert(b.id.sym.to_string());
            }
            Pat::Ident(b) => {
                self.locals.insert(b.id.sym.to_string(), prefix.to_vec());
                self.field(prefix);
            }
            Pat::Assign(a) => {
                self.destructure(&a.left, prefix);
                if let (Pat::Ident(b), true) = (&*a.left, truthy_literal(&a.right)) {
                    self.defaulted.insert(b.id.sym.to_string());
                }
                if let Some(f) = self.field(prefix) {
                    f.optional = true;
                    if let Some(t) = literal_type(&a.right) {
                        f.add_type(t);
                    }
                }
            }
            Pat::Object(o) => {
                for p in &o.props {
                    match p {
                        ObjectPatProp::Assign(a) => {
                            let path = extend(prefix, a.key.sym.to_string());
                            self.locals.insert(a.key.sym.to_string(), path.clone());
                            if a.value.as_deref().is_some_and(truthy_literal) {
                                self.defaulted.insert(a.key.sym.to_string());
                            }
                            let f = self.field(&path);
                            if let (Some(f), Some(default)) = (f, &a.value) {
                                f.optional = true;
                                if let Some(t) = literal_type(default) {
                                    f.add_type(t);
                                }
                            }
                        }
                        ObjectPatProp::KeyValue(kv) => {
                            if let Some(name) = prop_name(&kv.key) {
                                self.destructure(&kv.value, &extend(prefix, name));
                            }
                        }
                        ObjectPatProp::Rest(r) if prefix.is_empty() => {
                            // `...rest` holds the other fields: reads off it are fields too.
                            if let Pat::Ident(b) = &*r.arg {
                                self.bodies.insert(b.id.sym.to_string());
                            }
                        }
                        ObjectPatProp::Rest(_) => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// The wire path an expression reads, if it reads the input: `body.a.b`, `body?.a`,
    /// `body["a"]`, or a local bound to a field.
    pub fn path_of(&self, e: &Expr) -> Option<Vec<String>> {
        match unwrap_expr(e) {
            Expr::Ident(i) => self.locals.get(&*i.sym).cloned(),
            Expr::Call(c) => self.getter_path(c),
            Expr::Member(m) => self.member_path(&m.obj, &m.prop),
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Member(m) => self.member_path(&m.obj, &m.prop),
                _ => None,
            },
            // `body.opts || {}`, `body.items ?? []`: the field, or nothing when it is missing.
            Expr::Bin(b) if is_empty_fallback(b) => self.path_of(&b.left),
            _ => None,
        }
    }

    /// The field whose absence a falsy `local` shows, when `local` was bound to it (or
    /// derived from it) and no truthy default stands in for a missing value.
    pub fn absent_path(&self, e: &Expr) -> Option<Vec<String>> {
        if let Expr::Ident(i) = unwrap_expr(e) {
            if self.defaulted.contains(&*i.sym) {
                return None;
            }
            if let Some(p) = self.derived.get(&*i.sym) {
                return Some(p.clone());
            }
        }
        self.path_of(e)
    }

    /// The field `e` is computed from, when a missing field makes `e` falsy:
    /// `String(x || "")`, `Number(x)`, `(x || "").trim()`, `x || ""`, `x ?? 0`.
    pub fn falsy_when_missing(&self, e: &Expr) -> Option<Vec<String>> {
        let e = unwrap_expr(e);
        if let Some(p) = self.path_of(e) {
            return Some(p);
        }
        match e {
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && falsy_literal(&b.right) =>
            {
                self.falsy_when_missing(&b.left)
            }
            Expr::Call(c) => {
                let arg = c.args.first().map(|a| &*a.expr);
                match (&c.callee, arg) {
                    // Number(undefined) is NaN; String(undefined) is "undefined", so String
                    // needs a falsy fallback inside.
                    (Callee::Expr(f), Some(a)) if is_ident(f, "Number") => {
                        self.falsy_when_missing(a)
                    }
                    (Callee::Expr(f), Some(a)) if is_ident(f, "String") => match unwrap_expr(a) {
                        Expr::Bin(_) => self.falsy_when_missing(a),
                        _ => None,
                    },
                    _ => {
                        // `(x || "").trim()` and friends keep an empty string empty.
                        let (obj, method) = method_call(c)?;
                        let keeps_empty = matches!(
                            method.as_str(),
                            "trim"
                                | "toString"
                                | "toLowerCase"
                                | "toUpperCase"
                                | "trimStart"
                                | "trimEnd"
                        );
                        match unwrap_expr(obj) {
                            Expr::Bin(_) | Expr::Call(_) if keeps_empty => {
                                self.falsy_when_missing(obj)
                            }
                            _ => None,
                        }
                    }
                }
            }
            _ => None,
        }
    }

    /// `form.get("x")`, `params.get("x")`, `url.searchParams.get("x")`, `getAll` too.
    fn getter_path(&self, c: &CallExpr) -> Option<Vec<String>> {
        let (obj, method) = method_call(c)?;
        if method != "get" && method != "getAll" {
            return None;
        }
        let reader = match unwrap_expr(obj) {
            Expr::Ident(i) => self.getters.contains(&*i.sym),
            Expr::Member(m) => {
                member_name(&m.prop).as_deref() == Some("searchParams")
                    && matches!(unwrap_expr(&m.obj), Expr::Ident(i) if self.urls.contains(&*i.sym))
            }
            _ => false,
        };
        if !reader {
            return None;
        }
        match c.args.first().map(|a| unwrap_expr(&a.expr)) {
            Some(Expr::Lit(Lit::Str(s))) => Some(vec![str_value(s)]),
            _ => None,
        }
    }

    fn member_path(&self, obj: &Expr, prop: &MemberProp) -> Option<Vec<String>> {
        let name = member_name(prop)?;
        if let Expr::Ident(i) = unwrap_expr(obj) {
            if self.bodies.contains(&*i.sym) {
                return Some(vec![name]);
            }
        }
        let mut base = self.path_of(obj)?;
        base.push(name);
        Some(base)
    }

    fn is_body(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Ident(i) => self.bodies.contains(&*i.sym),
            // `const { a } = payload || {}`
            Expr::Bin(b) if is_empty_fallback(b) => self.is_body(&b.left),
            _ => false,
        }
    }
}

fn extend(prefix: &[String], name: String) -> Vec<String> {
    let mut p = prefix.to_vec();
    p.push(name);
    p
}

/// `x || {}`, `x ?? []`: a fallback that only stands in for a missing value.
fn is_empty_fallback(b: &BinExpr) -> bool {
    matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
        && match unwrap_expr(&b.right) {
            Expr::Object(o) => o.props.is_empty(),
            Expr::Array(a) => a.elems.is_empty(),
            _ => false,
        }
}

/// A literal that is always truthy: a non-empty string, a non-zero number, `true`, an object
/// or array literal.
fn truthy_literal(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => !s.value.is_empty(),
        Expr::Lit(Lit::Num(n)) => n.value != 0.0 && !n.value.is_nan(),
        Expr::Lit(Lit::Bool(b)) => b.value,
        Expr::Object(_) | Expr::Array(_) => true,
        _ => false,
    }
}

/// A literal that is always falsy: `""`, `0`, `false`, `null`, `undefined`.
fn falsy_literal(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => s.value.is_empty(),
        Expr::Lit(Lit::Num(n)) => n.value == 0.0,
        Expr::Lit(Lit::Bool(b)) => !b.value,
        Expr::Lit(Lit::Null(_)) => true,
        other => is_ident(other, "undefined"),
    }
}

/// The type a default value or fallback proves.
pub fn literal_type(e: &Expr) -> Option<Schema> {
    Some(match unwrap_expr(e) {
        Expr::Lit(Lit::Str(_)) | Expr::Tpl(_) => Schema::string(),
        Expr::Lit(Lit::Num(_)) => Schema::Number,
        Expr::Lit(Lit::Bool(_)) => Schema::Boolean,
        Expr::Array(_) => Schema::Array(Box::new(Schema::Any)),
        Expr::Object(_) => Schema::Object(Default::default()),
        _ => return None,
    })
}

pub(super) fn literal(e: &Expr) -> Option<Literal> {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => Some(Literal::String(str_value(s))),
        Expr::Lit(Lit::Num(n)) => Some(Literal::number(n.value)),
        Expr::Lit(Lit::Bool(b)) => Some(Literal::Bool(b.value)),
        _ => None,
    }
}

fn typeof_name(s: &str) -> Option<Schema> {
    Some(match s {
        "string" => Schema::string(),
        "number" | "bigint" => Schema::Number,
        "boolean" => Schema::Boolean,
        "object" => Schema::Object(Default::default()),
        _ => return None,
    })
}

/// Walks code that uses the input and records evidence into a [`Scope`].
pub struct Evidence<'s> {
    /// Where evidence goes.
    pub scope: &'s mut Scope,
    /// How many conditional branches enclose the current code: a rejection proves a field
    /// required only where it runs on every path (depth 0).
    pub conditional: usize,
    /// Loop variables that range over a literal list of keys (`for (const k of ["a", "b"])`).
    loop_keys: HashMap<String, Vec<String>>,
    /// Inside an item callback or loop: the items' path (`items.[]`) and the conditional
    /// depth of the callback's top level.
    pub(super) item: Option<(Vec<String>, usize)>,
}

impl<'s> Evidence<'s> {
    /// An evidence pass writing into `scope`.
    pub fn new(scope: &'s mut Scope) -> Self {
        Evidence {
            scope,
            conditional: 0,
            loop_keys: HashMap::new(),
            item: None,
        }
    }
}

impl Evidence<'_> {
    /// `{ ...body, kind: "x" }`: a copy of the input; the keys the literal sets itself.
    fn spread_copy(&self, e: &Expr) -> Option<Vec<String>> {
        let Expr::Object(o) = unwrap_expr(e) else {
            return None;
        };
        let mut spreads_body = false;
        let mut own = Vec::new();
        for p in &o.props {
            match p {
                PropOrSpread::Spread(s) => spreads_body |= self.scope.is_body(&s.expr),
                PropOrSpread::Prop(p) => match &**p {
                    Prop::Shorthand(i) => own.push(i.sym.to_string()),
                    Prop::KeyValue(kv) => own.extend(prop_name(&kv.key)),
                    Prop::Method(m) => own.extend(prop_name(&m.key)),
                    _ => {}
                },
            }
        }
        spreads_body.then_some(own)
    }

    /// `typeof x === "t"` / `x === lit` / `!x`: what a single comparison says about a field.
    fn comparison(&mut self, b: &BinExpr) {
        if b.op == BinaryOp::InstanceOf {
            if let (Some(path), true) = (
                self.scope.path_of(&b.left),
                is_ident(&b.right, "File") || is_ident(&b.right, "Blob"),
            ) {
                if let Some(f) = self.scope.field(&path) {
                    f.add_type(Schema::String(Some(crate::model::StringFormat::Binary)));
                }
            }
            return;
        }
        if !matches!(
            b.op,
            BinaryOp::EqEqEq | BinaryOp::NotEqEq | BinaryOp::EqEq | BinaryOp::NotEq
        ) {
            return;
        }
        for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
            if let Expr::Unary(u) = unwrap_expr(x) {
                if u.op == UnaryOp::TypeOf {
                    if let (Some(path), Expr::Lit(Lit::Str(s))) =
                        (self.scope.path_of(&u.arg), unwrap_expr(y))
                    {
                        if let (Some(f), Some(t)) =
                            (self.scope.field(&path), typeof_name(&str_value(s)))
                        {
                            f.add_type(t);
                        }
                    }
                }
            }
            if let (Some(path), Some(lit)) = (self.scope.path_of(x), literal(y)) {
                if let Some(f) = self.scope.field(&path) {
                    if !f.literals.contains(&lit) {
                        f.literals.push(lit);
                    }
                }
            }
        }
    }
}

impl Visit for Evidence<'_> {
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let Some(init) = &d.init {
            if self.scope.is_body(init) {
                // `const { a, b } = body` or `const data = body`.
                self.scope.destructure(&d.name, &[]);
            } else if let Some(path) = self.scope.path_of(init) {
                match &d.name {
                    Pat::Ident(b) => {
                        self.scope.field(&path);
                        self.scope.locals.insert(b.id.sym.to_string(), path);
                    }
                    other => self.scope.destructure(other, &path),
                }
            } else if let Pat::Ident(b) = &d.name {
                let name = b.id.sym.to_string();
                if let Some(list) = literal_list(init) {
                    // A list declared in the handler: `!ALLOWED.includes(x)`, `for (k of KEYS)`.
                    self.scope.lists.insert(name, list);
                } else if let Some(path) = self.scope.falsy_when_missing(init) {
                    self.scope.derived.insert(name, path);
                }
            }
        }
        d.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        let builtin = member_name(&m.prop).is_some_and(|n| {
            n == "length"
                || ARRAY_METHODS.contains(&n.as_str())
                || STRING_METHODS.contains(&n.as_str())
        });
        let on_field = self.scope.path_of(&m.obj).is_some();
        // `field.length`, `field.map(...)`: the field's own properties, not nested input.
        if !(builtin && on_field) {
            if let Some(path) = self.scope.member_path(&m.obj, &m.prop) {
                self.scope.field(&path);
            }
        }
        // `body[k]` with `k` looping over a literal list: each listed key is read.
        if let (MemberProp::Computed(c), true) = (&m.prop, self.scope.is_body(&m.obj)) {
            if let Expr::Ident(k) = unwrap_expr(&c.expr) {
                if let Some(keys) = self.loop_keys.get(&*k.sym).cloned() {
                    for key in keys {
                        self.scope.field(&[key]);
                    }
                }
            }
        }
        m.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, f: &ForOfStmt) {
        if self.item_loop(f) {
            return;
        }
        // `for (const k of ["a", "b"])` (or a `const` list): `k` stands for those keys.
        let var = match &f.left {
            ForHead::VarDecl(v) => match v.decls.as_slice() {
                [VarDeclarator {
                    name: Pat::Ident(i),
                    ..
                }] => Some(i.id.sym.to_string()),
                _ => None,
            },
            _ => None,
        };
        let list = match unwrap_expr(&f.right) {
            Expr::Ident(i) => self.scope.lists.get(&*i.sym).cloned(),
            other => literal_list(other),
        };
        let keys: Option<Vec<String>> = list.map(|l| {
            l.into_iter()
                .filter_map(|lit| match lit {
                    Literal::String(s) => Some(s),
                    _ => None,
                })
                .collect()
        });
        match (var, keys) {
            (Some(var), Some(keys)) => {
                let previous = self.loop_keys.insert(var.clone(), keys);
                f.visit_children_with(self);
                match previous {
                    Some(p) => self.loop_keys.insert(var, p),
                    None => self.loop_keys.remove(&var),
                };
            }
            _ => f.visit_children_with(self),
        }
    }

    fn visit_bin_expr(&mut self, b: &BinExpr) {
        match b.op {
            BinaryOp::NullishCoalescing | BinaryOp::LogicalOr => {
                if let Some(path) = self.scope.path_of(&b.left) {
                    let fallback = literal_type(&b.right);
                    if let Some(f) = self.scope.field(&path) {
                        f.optional = true;
                        if let Some(t) = fallback {
                            f.add_type(t);
                        }
                    }
                }
            }
            _ => self.comparison(b),
        }
        b.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        // `need(body.x)` where `need` rejects a missing argument: x is required.
        if let (Callee::Expr(callee), 0) = (&c.callee, self.conditional) {
            if let Expr::Ident(name) = unwrap_expr(callee) {
                if let Some(indices) = self.scope.guards.get(&*name.sym).cloned() {
                    for i in indices {
                        if let Some(path) = c.args.get(i).and_then(|a| self.scope.path_of(&a.expr))
                        {
                            self.require(&path);
                        }
                    }
                }
            }
        }
        if let Some((obj, method)) = method_call(c) {
            if is_ident(obj, "Array") && method == "isArray" {
                if let Some(path) = c.args.first().and_then(|a| self.scope.path_of(&a.expr)) {
                    if let Some(f) = self.scope.field(&path) {
                        f.add_type(Schema::Array(Box::new(Schema::Any)));
                    }
                }
            } else if let Some(path) = self.scope.path_of(obj) {
                let t = if ARRAY_METHODS.contains(&method.as_str()) {
                    Some(Schema::Array(Box::new(Schema::Any)))
                } else if STRING_METHODS.contains(&method.as_str()) {
                    Some(Schema::string())
                } else {
                    None
                };
                if let (Some(f), Some(t)) = (self.scope.field(&path), t) {
                    f.add_type(t);
                }
            }
        }
        if self.item_callback(c) {
            return;
        }
        if let Callee::Expr(callee) = &c.callee {
            // `field.method(...)`: a method of the field's value, not a nested field.
            if let Expr::Member(m) = unwrap_expr(callee) {
                if self.scope.path_of(&m.obj).is_some() {
                    m.obj.visit_with(self);
                    c.args.visit_with(self);
                    return;
                }
            }
            if let Expr::Ident(name) = unwrap_expr(callee) {
                for (i, a) in c.args.iter().enumerate() {
                    if self.scope.is_body(&a.expr) {
                        self.scope
                            .passed_to
                            .push((name.sym.to_string(), i, Vec::new()));
                    } else if let Some(own) = self.spread_copy(&a.expr) {
                        self.scope.passed_to.push((name.sym.to_string(), i, own));
                    }
                }
            }
        }
        c.visit_children_with(self);
    }

    fn visit_block_stmt(&mut self, b: &BlockStmt) {
        b.visit_children_with(self);
        // After the block's own declarations: `const { action } = body` binds what the `if`s test.
        self.sequential_dispatch(&b.stmts);
    }

    // A function's own body is a `FunctionBody`, not a `BlockStmt`: the handler's top-level
    // dispatch (`if (action === "a") return ...; return 400`) lives there.
    fn visit_function_body(&mut self, b: &FunctionBody) {
        b.visit_children_with(self);
        self.sequential_dispatch(&b.stmts);
    }

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        if rejects(&s.cons) {
            self.missing_rejected(&s.test);
            self.allowed_values(&s.test);
        }
        self.dispatch_chain(s);
        self.typeof_catch_all(s);
        s.test.visit_with(self);
        self.conditional += 1;
        s.cons.visit_with(self);
        s.alt.visit_with(self);
        self.conditional -= 1;
    }

    fn visit_cond_expr(&mut self, c: &CondExpr) {
        c.test.visit_with(self);
        self.conditional += 1;
        c.cons.visit_with(self);
        c.alt.visit_with(self);
        self.conditional -= 1;
    }

    fn visit_function(&mut self, f: &Function) {
        // Nested callbacks may never run (or run per item): not every path.
        self.conditional += 1;
        f.visit_children_with(self);
        self.conditional -= 1;
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        self.conditional += 1;
        a.visit_children_with(self);
        self.conditional -= 1;
    }

    fn visit_ts_as_expr(&mut self, a: &TsAsExpr) {
        if let Some(path) = self.scope.path_of(&a.expr) {
            let t = match &*a.type_ann {
                TsType::TsTypeRef(r) => match &r.type_name {
                    TsEntityName::Ident(i) if matches!(&*i.sym, "File" | "Blob") => {
                        Some(Schema::String(Some(crate::model::StringFormat::Binary)))
                    }
                    _ => None,
                },
                TsType::TsKeywordType(k) => match k.kind {
                    TsKeywordTypeKind::TsStringKeyword => Some(Schema::string()),
                    TsKeywordTypeKind::TsNumberKeyword => Some(Schema::Number),
                    TsKeywordTypeKind::TsBooleanKeyword => Some(Schema::Boolean),
                    _ => None,
                },
                _ => None,
            };
            if let (Some(f), Some(t)) = (self.scope.field(&path), t) {
                f.add_type(t);
            }
        }
        a.visit_children_with(self);
    }

    fn visit_switch_stmt(&mut self, s: &SwitchStmt) {
        if let Some(path) = self.scope.path_of(&s.discriminant) {
            let lits: Vec<Literal> = s
                .cases
                .iter()
                .filter_map(|c| c.test.as_deref().and_then(literal))
                .collect();
            let closed = s
                .cases
                .iter()
                .any(|c| c.test.is_none() && c.cons.iter().any(rejects));
            if let Some(f) = self.scope.field(&path) {
                for l in &lits {
                    if !f.literals.contains(l) {
                        f.literals.push(l.clone());
                    }
                }
                if closed {
                    f.closed = true;
                    f.required = true;
                }
            }
            if closed && path.len() == 1 && self.scope.dispatch.is_none() {
                self.per_case(&path[0], s);
            }
        }
        s.discriminant.visit_with(self);
        self.conditional += 1;
        s.cases.visit_with(self);
        self.conditional -= 1;
    }
}
