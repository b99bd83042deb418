//! Reads of the input object and what they prove: fields read (`body.x`, destructuring),
//! optionality (defaults, `?.`, `??`, `||`), requiredness (rejections when missing), types
//! (`typeof`, literals, array and string methods), and closed literal sets (`switch`/`if`
//! dispatch with a rejecting fallback).

use std::collections::{BTreeMap, HashMap, HashSet};

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::fields::Field;
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
    /// Functions of the module the input was passed to: (function name, argument index).
    pub passed_to: Vec<(String, usize)>,
    /// Names whose `.get("x")` reads field `x` (a `FormData`, a `URLSearchParams`).
    pub getters: HashSet<String>,
    /// Names of `URL` objects whose `.searchParams.get("x")` reads field `x`.
    pub urls: HashSet<String>,
    /// A closed `switch` on a top-level field: the field and, per case value, the fields that
    /// case reads (with the evidence found inside the case alone).
    pub dispatch: Option<Dispatch>,
    /// `const NAME = ["a", "b"]` in the module or the handler: allowed-value lists for
    /// `!NAME.includes(x)` rejections.
    pub lists: HashMap<String, Vec<Literal>>,
}

/// The discriminant field of a closed `switch` and, per case value, the fields that case reads.
pub type Dispatch = (String, Vec<(String, BTreeMap<String, Field>)>);

impl Scope {
    /// The field at `path`, created when new.
    pub fn field(&mut self, path: &[String]) -> Option<&mut Field> {
        let (first, rest) = path.split_first()?;
        let mut f = self.fields.entry(first.clone()).or_default();
        for p in rest {
            f = f.nested.entry(p.clone()).or_default();
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
        matches!(unwrap_expr(e), Expr::Ident(i) if self.bodies.contains(&*i.sym))
    }
}

fn extend(prefix: &[String], name: String) -> Vec<String> {
    let mut p = prefix.to_vec();
    p.push(name);
    p
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

/// `["a", "b"]` (also `as const`): the literals of an array made only of literals.
pub fn literal_list(e: &Expr) -> Option<Vec<Literal>> {
    let Expr::Array(a) = unwrap_expr(e) else {
        return None;
    };
    a.elems
        .iter()
        .map(|el| match el {
            Some(ExprOrSpread { spread: None, expr }) => literal(expr),
            _ => None,
        })
        .collect()
}

/// Module-level `const NAME = [literals]` declarations.
pub fn module_lists(module: &Module) -> HashMap<String, Vec<Literal>> {
    let mut out = HashMap::new();
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => v,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(v),
                ..
            })) => v,
            _ => continue,
        };
        if decl.kind != VarDeclKind::Const {
            continue;
        }
        for d in &decl.decls {
            if let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) {
                if let Some(list) = literal_list(init) {
                    out.insert(name.id.sym.to_string(), list);
                }
            }
        }
    }
    out
}

fn literal(e: &Expr) -> Option<Literal> {
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
}

impl<'s> Evidence<'s> {
    /// An evidence pass writing into `scope`.
    pub fn new(scope: &'s mut Scope) -> Self {
        Evidence {
            scope,
            conditional: 0,
        }
    }
}

impl Evidence<'_> {
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

    /// In the test of an `if` that rejects: the fields whose absence is rejected.
    fn missing_rejected(&mut self, test: &Expr) {
        if self.conditional > 0 {
            return;
        }
        match unwrap_expr(test) {
            Expr::Bin(b) if b.op == BinaryOp::LogicalOr => {
                self.missing_rejected(&b.left);
                self.missing_rejected(&b.right);
            }
            Expr::Unary(u) if u.op == UnaryOp::Bang => {
                if let Some(path) = self.scope.path_of(&u.arg) {
                    if let Some(f) = self.scope.field(&path) {
                        f.required = true;
                    }
                }
            }
            Expr::Bin(b) if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) => {
                let nothing = |e: &Expr| {
                    is_ident(e, "undefined") || matches!(unwrap_expr(e), Expr::Lit(Lit::Null(_)))
                };
                for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
                    if nothing(y) {
                        if let Some(path) = self.scope.path_of(x) {
                            if let Some(f) = self.scope.field(&path) {
                                f.required = true;
                            }
                        }
                    }
                }
            }
            // `typeof x !== "string"` rejects a missing x too (undefined is not a string).
            Expr::Bin(b) if matches!(b.op, BinaryOp::NotEqEq | BinaryOp::NotEq) => {
                if let Expr::Unary(u) = unwrap_expr(&b.left) {
                    if u.op == UnaryOp::TypeOf {
                        if let Some(path) = self.scope.path_of(&u.arg) {
                            if let Some(f) = self.scope.field(&path) {
                                f.required = true;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// `x !== "a" && x !== "b"` or `!["a", "b"].includes(x)` (also through a `const` list) in
    /// a rejecting `if`: only those values are accepted. `if (A || B) reject` rejects on `A`
    /// alone and on `B` alone, so each side is read on its own.
    fn allowed_values(&mut self, test: &Expr) {
        if let Expr::Bin(b) = unwrap_expr(test) {
            if b.op == BinaryOp::LogicalOr {
                self.allowed_values(&b.left);
                self.allowed_values(&b.right);
                return;
            }
        }
        let mut parts = Vec::new();
        conjuncts(test, &mut parts);
        let mut by_path: HashMap<Vec<String>, Vec<Literal>> = HashMap::new();
        for p in parts {
            let (path, lits) = match unwrap_expr(p) {
                Expr::Bin(b) if matches!(b.op, BinaryOp::NotEqEq | BinaryOp::NotEq) => {
                    let (Some(path), Some(lit)) = (self.scope.path_of(&b.left), literal(&b.right))
                    else {
                        return;
                    };
                    (path, vec![lit])
                }
                Expr::Unary(u) if u.op == UnaryOp::Bang => match self.includes_check(&u.arg) {
                    Some(found) => found,
                    None => return,
                },
                _ => return,
            };
            by_path.entry(path).or_default().extend(lits);
        }
        for (path, lits) in by_path {
            if let Some(f) = self.scope.field(&path) {
                f.closed = true;
                f.required = true;
                for l in lits {
                    if !f.literals.contains(&l) {
                        f.literals.push(l);
                    }
                }
            }
        }
    }

    /// `LIST.includes(x)` with a literal list (inline or a `const`): x's path and the list.
    fn includes_check(&self, e: &Expr) -> Option<(Vec<String>, Vec<Literal>)> {
        let Expr::Call(c) = unwrap_expr(e) else {
            return None;
        };
        let (obj, method) = method_call(c)?;
        if method != "includes" {
            return None;
        }
        let [arg] = c.args.as_slice() else {
            return None;
        };
        let list = match unwrap_expr(obj) {
            Expr::Ident(i) => self.scope.lists.get(&*i.sym).cloned()?,
            other => literal_list(other)?,
        };
        Some((self.scope.path_of(&arg.expr)?, list))
    }

    /// `if (x === "a") return ...; if (x === "b") return ...; reject`: each `if` leaves the
    /// function, so the rejection after them is reached for every other value.
    fn sequential_dispatch(&mut self, stmts: &[Stmt]) {
        if self.conditional > 0 {
            return;
        }
        let mut path: Option<Vec<String>> = None;
        let mut lits = Vec::new();
        for stmt in stmts {
            let case = match stmt {
                Stmt::If(i) if i.alt.is_none() && exits(&i.cons) => match unwrap_expr(&i.test) {
                    Expr::Bin(b) if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) => {
                        self.scope.path_of(&b.left).zip(literal(&b.right))
                    }
                    _ => None,
                },
                _ => None,
            };
            match case {
                Some((p, l)) if path.as_ref().is_none_or(|q| *q == p) => {
                    path = Some(p);
                    lits.push(l);
                }
                _ => {
                    if let Some(p) = path.take() {
                        if rejects(stmt) {
                            self.close(&p, std::mem::take(&mut lits));
                        }
                    }
                    lits.clear();
                    // This statement may itself start a run.
                    if let Some((p, l)) = case {
                        path = Some(p);
                        lits.push(l);
                    }
                }
            }
        }
    }

    /// Field `path` accepts only `lits` (and so is required).
    fn close(&mut self, path: &[String], lits: Vec<Literal>) {
        if let Some(f) = self.scope.field(path) {
            f.closed = true;
            f.required = true;
            for l in lits {
                if !f.literals.contains(&l) {
                    f.literals.push(l);
                }
            }
        }
    }

    /// `if (x === "a") {...} else if (x === "b") {...} else reject`: a closed dispatch.
    fn dispatch_chain(&mut self, stmt: &IfStmt) {
        let mut path: Option<Vec<String>> = None;
        let mut lits = Vec::new();
        let mut cur = stmt;
        loop {
            let Expr::Bin(b) = unwrap_expr(&cur.test) else {
                return;
            };
            if !matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) {
                return;
            }
            let (Some(p), Some(l)) = (self.scope.path_of(&b.left), literal(&b.right)) else {
                return;
            };
            if path.as_ref().is_some_and(|q| *q != p) {
                return;
            }
            path = Some(p);
            lits.push(l);
            match cur.alt.as_deref() {
                Some(Stmt::If(next)) => cur = next,
                Some(other) if rejects(other) => break,
                _ => return,
            }
        }
        let Some(path) = path else { return };
        if let Some(f) = self.scope.field(&path) {
            f.closed = true;
            f.required = true;
            for l in lits {
                if !f.literals.contains(&l) {
                    f.literals.push(l);
                }
            }
        }
    }
}

impl Evidence<'_> {
    /// Read each string case of a closed `switch` on its own: what a case reads and rejects
    /// there holds for that variant of the input.
    fn per_case(&mut self, discriminant: &str, s: &SwitchStmt) {
        let mut cases = Vec::new();
        for case in &s.cases {
            let Some(Literal::String(value)) = case.test.as_deref().and_then(literal) else {
                continue;
            };
            let mut inner = Scope {
                bodies: self.scope.bodies.clone(),
                locals: self.scope.locals.clone(),
                getters: self.scope.getters.clone(),
                urls: self.scope.urls.clone(),
                lists: self.scope.lists.clone(),
                ..Scope::default()
            };
            let mut ev = Evidence::new(&mut inner);
            // Rejections at the case's top level hold on every path through the case.
            for stmt in &case.cons {
                match stmt {
                    Stmt::Block(b) => b.stmts.iter().for_each(|st| st.visit_with(&mut ev)),
                    other => other.visit_with(&mut ev),
                }
            }
            inner.fields.remove(discriminant);
            cases.push((value, inner.fields));
        }
        if cases.iter().any(|(_, f)| !f.is_empty()) {
            self.scope.dispatch = Some((discriminant.to_string(), cases));
        }
    }
}

/// Whether `stmt` always leaves the function (a `return` or `throw`, or a block that has one
/// at its top level).
fn exits(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(_) | Stmt::Throw(_) => true,
        Stmt::Block(b) => b
            .stmts
            .iter()
            .any(|s| matches!(s, Stmt::Return(_) | Stmt::Throw(_))),
        _ => false,
    }
}

fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match unwrap_expr(e) {
        Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => {
            conjuncts(&b.left, out);
            conjuncts(&b.right, out);
        }
        other => out.push(other),
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
            }
        }
        d.visit_children_with(self);
    }

    fn visit_opt_chain_expr(&mut self, o: &OptChainExpr) {
        if let OptChainBase::Member(m) = &*o.base {
            if let Some(path) = self.scope.member_path(&m.obj, &m.prop) {
                if let Some(f) = self.scope.field(&path) {
                    if o.optional {
                        f.optional = true;
                    }
                }
            }
            // `body?.a`: the object may be absent, not the field; `body.a?.b`: a may be.
            if o.optional {
                if let Some(path) = self.scope.path_of(&m.obj) {
                    if let Some(f) = self.scope.field(&path) {
                        f.optional = true;
                    }
                }
            }
        }
        o.visit_children_with(self);
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
        m.visit_children_with(self);
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
                        self.scope.passed_to.push((name.sym.to_string(), i));
                    }
                }
            }
        }
        c.visit_children_with(self);
    }

    fn visit_block_stmt(&mut self, b: &BlockStmt) {
        self.sequential_dispatch(&b.stmts);
        b.visit_children_with(self);
    }

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        if rejects(&s.cons) {
            self.missing_rejected(&s.test);
            self.allowed_values(&s.test);
        }
        self.dispatch_chain(s);
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
