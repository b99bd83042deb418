//! Reads of the input object and what they prove: fields read (`body.x`, destructuring),
//! optionality (defaults, `?.`, `??`, `||`), requiredness (rejections when missing), types
//! (`typeof`, literals, array and string methods), and closed literal sets (`switch`/`if`
//! dispatch with a rejecting fallback).

use rustc_hash::{FxHashMap, FxHashSet};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::builtins::{ARRAY_METHODS, STRING_METHODS};
use super::module_facts::literal_list;
use super::scope::{literal, literal_type, Scope};
use crate::extract::ast_util::{is_ident, member_name, method_call, unwrap_expr};
use crate::extract::status::rejects;
use crate::model::{Literal, Schema};

/// Walks code that uses the input and records evidence into a [`Scope`].
pub struct Evidence<'s> {
    /// Where evidence goes.
    pub scope: &'s mut Scope,
    /// How many conditional branches enclose the current code: a rejection proves a field
    /// required only where it runs on every path (depth 0).
    pub conditional: usize,
    /// Loop variables that range over a literal list of keys (`for (const k of ["a", "b"])`).
    loop_keys: FxHashMap<String, Vec<String>>,
    /// Inside an item callback or loop: the items' path (`items.[]`) and the conditional
    /// depth of the callback's top level.
    pub(super) item: Option<(Vec<String>, usize)>,
    /// In the test of a conditional whose other branch carries on: its checks choose a
    /// branch rather than restrict the input.
    pub(super) open_test: bool,
    /// Visiting the test of an `if` that rejects: a type check there tells what is turned
    /// away (`|| Array.isArray(x)` rejects arrays), its negation what is needed.
    pub(super) rejecting_test: bool,
    /// `Array.isArray(...)` calls met under a `!`.
    pub(super) negated_checks: Vec<swc_common::Span>,
    /// Fields whose value chose a top-level answer before (`if (action === "delete") { ...;
    /// return ok }`): later rejections hold only for the requests that get there.
    pub(super) after_exit: Vec<Vec<String>>,
    /// The values that chose those answers (`action` = `"create"`).
    pub(super) answered_values: Vec<(Vec<String>, Literal)>,
    /// Fields whose absence chose a top-level answer before (`if (!node) return 0`): an
    /// unguarded use after it cannot meet a missing value.
    pub(super) answered_missing: Vec<Vec<String>>,
    /// Inside a `try` whose `catch` carries on without an error status: a throw there (a
    /// TypeError from `missing.trim()`) rejects nothing.
    pub(super) lenient_try: usize,
    /// Members reached through `?.` (`x?.trim`): they do not throw on a missing `x`.
    pub(super) optional_members: FxHashSet<swc_common::Span>,
    /// The branch depth where the JSON body is read, when a branch reads it (`if (req.method
    /// === "POST") { const body = await req.json(); ... }`): rejections at that depth hold for
    /// every request that has a body.
    pub(super) body_depth: usize,
    /// Assignments met in branches, by span: what each gave its local (see
    /// [`super::branch_values`]).
    pub(super) assigned: FxHashMap<swc_common::Span, super::branch_values::Alternative>,
    /// Whether the body was read, and some request may have been answered without an error
    /// since then (or before it, when it never was: see [`Self::passes_every_accepted`]).
    pub(super) body_seen: bool,
    pub(super) answered_ok: bool,
    /// Inside a `try` whose `catch` may answer ok or carry on.
    pub(super) forgiving_try: usize,
    /// Inside a function nested in the one walked: its returns answer nothing.
    pub(super) nested_fns: usize,
    /// Locals declared with a type (`let path: string | null = null`): a field assigned to
    /// one later (`path = body.path ?? null`) has that type.
    pub(super) declared_locals: FxHashMap<String, TsType>,
}

impl<'s> Evidence<'s> {
    /// An evidence pass writing into `scope`.
    pub fn new(scope: &'s mut Scope) -> Self {
        Evidence {
            scope,
            conditional: 0,
            loop_keys: FxHashMap::default(),
            item: None,
            open_test: false,
            rejecting_test: false,
            negated_checks: Vec::new(),
            after_exit: Vec::new(),
            answered_values: Vec::new(),
            answered_missing: Vec::new(),
            lenient_try: 0,
            optional_members: Default::default(),
            body_depth: 0,
            assigned: FxHashMap::default(),
            body_seen: false,
            answered_ok: false,
            forgiving_try: 0,
            nested_fns: 0,
            declared_locals: FxHashMap::default(),
        }
    }
}

impl Visit for Evidence<'_> {
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        self.forget_alternatives(&d.name);
        if let Pat::Ident(BindingIdent {
            id,
            type_ann: Some(t),
        }) = &d.name
        {
            self.declared_locals
                .insert(id.sym.as_str().to_owned(), (*t.type_ann).clone());
        }
        if let Some(init) = &d.init {
            self.scope.note_empty(&d.name, init);
            if self.conditional > 0 && self.body_depth == 0 && self.reads_json(init) {
                self.body_depth = self.conditional;
            }
            if self.scope.is_body(init) {
                // `const { a, b } = body` or `const data = body`.
                self.scope.destructure(&d.name, &[]);
            } else if let Some(path) = self.scope.same_value(init) {
                // `const lines: Line[] = Array.isArray(body.lines) ? body.lines : []`: the
                // type the code declares for that field.
                if let Pat::Ident(BindingIdent {
                    type_ann: Some(t), ..
                }) = &d.name
                {
                    self.scope
                        .casts
                        .push((path.clone(), defined(&t.type_ann, Some(init))));
                }
                match &d.name {
                    Pat::Ident(b) => {
                        // `const opts = body.options || {}`, `items.filter(...)`: never
                        // undefined.
                        let made = match unwrap_expr(init) {
                            // `x || ""`, `Array.isArray(x) ? x : []`
                            Expr::Bin(_) | Expr::Cond(_) => true,
                            // A value made by a method (not `form.get("x")`, which gives null).
                            Expr::Call(c) => {
                                method_call(c).is_some_and(|(_, m)| m != "get")
                                    || crate::extract::ast_util::called_name(c).is_some_and(|n| {
                                        self.scope.facts.same_returns.contains_key(n)
                                    })
                            }
                            _ => false,
                        };
                        if made {
                            self.scope.defaulted.insert(b.id.sym.as_str().to_owned());
                        }
                        // `x ?? []`, `Array.isArray(x) ? x : {}`: a missing field leaves it
                        // truthy, so `!local` proves nothing about the field.
                        let truthy = match unwrap_expr(init) {
                            Expr::Bin(b) => super::scope::is_empty_literal(&b.right),
                            Expr::Cond(c) => super::scope::is_empty_literal(&c.alt),
                            _ => false,
                        };
                        if truthy {
                            self.scope.untracked.insert(b.id.sym.as_str().to_owned());
                        }
                        self.scope.field(&path);
                        self.scope.locals.insert(b.id.sym.as_str().to_owned(), path);
                    }
                    other => self.scope.destructure(other, &path),
                }
            } else if let (Pat::Ident(b), Some((path, default))) =
                (&d.name, self.scope.with_default(init))
            {
                // `const action = body.action || "list"`: as `{ action = "list" }` would.
                self.scope.bind(&b.id.sym, path, Some(default));
            } else if let Pat::Ident(b) = &d.name {
                let name = b.id.sym.as_str().to_owned();
                // A new binding of the name (`const members = await db.find()` in a branch,
                // beside a `members` field): it no longer stands for the field.
                self.scope.locals.remove(&name);
                self.scope.derived.remove(&name);
                match super::absence::nan_of(self.scope, init) {
                    Some(path) => self.scope.nan_locals.insert(name.clone(), path),
                    None => self.scope.nan_locals.remove(&name),
                };
                match self.scope.validated(init) {
                    Some(answer) => self.scope.error_locals.insert(name.clone(), answer),
                    None => self.scope.error_locals.remove(&name),
                };
                match self.scope.copy_of(init) {
                    Some(copy) => self.scope.copies.insert(name.clone(), copy),
                    None => self.scope.copies.remove(&name),
                };
                match self
                    .scope
                    .lookup(init)
                    .filter(|_| !matches!(unwrap_expr(init), Expr::Ident(_)))
                {
                    Some(found) => self.scope.lookups.insert(name.clone(), found),
                    None => self.scope.lookups.remove(&name),
                };
                let built = super::returns::built_object(self.scope, init);
                if built.is_empty() {
                    self.scope.object_fields.remove(&name);
                } else {
                    self.scope.object_fields.insert(name.clone(), built);
                }
                if let Some(pattern) = super::patterns::regex_literal(init) {
                    self.scope.facts.regexes.insert(name.clone(), pattern);
                }
                if let Some(keys) = super::module_facts::table_keys(init) {
                    // A table declared in the handler: `if (!MAP[action]) reject`.
                    self.scope.facts.tables.insert(name.clone(), keys);
                }
                if matches!(unwrap_expr(init), Expr::Array(a) if a.elems.is_empty()) {
                    // A list of problems, filled by the checks that follow.
                    self.scope.missing.insert(name, Vec::new());
                } else if let Some(list) = literal_list(init) {
                    // A list declared in the handler: `!ALLOWED.includes(x)`, `for (k of KEYS)`.
                    self.scope.facts.lists.insert(name, list);
                } else if let Some(path) = self.scope.falsy_when_missing(init) {
                    self.scope.derived.insert(name, path);
                } else if let Some(paths) = self.missing_list(init) {
                    // Each listed field is read, rejected or not.
                    for p in &paths {
                        self.scope.field(p);
                    }
                    self.scope.missing.insert(name, paths);
                } else if let Some((_, func)) = crate::extract::ast_util::named_call(init) {
                    self.scope.call_results.insert(name, func.to_owned());
                }
            }
        }
        d.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        let builtin = member_name(&m.prop).is_some_and(|n| {
            n == "length" || ARRAY_METHODS.contains(&&*n) || STRING_METHODS.contains(&&*n)
        });
        self.unguarded_access(m);
        let on_field = self.scope.path_of(&m.obj).is_some() || self.scope.is_body(&m.obj);
        // `field.length`, `field.map(...)`: the field's own properties, not nested input.
        if !(builtin && on_field) {
            if let Some(path) = self.scope.member_path(&m.obj, &m.prop) {
                self.scope.field(&path);
            }
        }
        // `body[k]` (or `copy[k]`, `body.data[k]`) with `k` looping over a literal list: each
        // listed key is read.
        if let MemberProp::Computed(c) = &m.prop {
            if let Expr::Ident(k) = unwrap_expr(&c.expr) {
                if let Some(keys) = self.loop_keys.get(&*k.sym).cloned() {
                    for key in keys {
                        let name = MemberProp::Ident(IdentName::new(key.into(), c.span));
                        if let Some(path) = self.scope.member_path(&m.obj, &name) {
                            self.scope.field(&path);
                        }
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
                }] => Some(i.id.sym.as_str().to_owned()),
                _ => None,
            },
            _ => None,
        };
        let list = match unwrap_expr(&f.right) {
            Expr::Ident(i) => self.scope.facts.lists.get(&*i.sym).cloned(),
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
                // `a || "x"`, and each field of a chain `a || b || "x"`: the fallback stands
                // in for every one of them.
                let fallback = literal_type(&b.right).or_else(|| {
                    // `x || new Date().toISOString().slice(0, 10)`: always a string.
                    super::builtins::string_valued(&b.right).then(Schema::string)
                });
                let mut paths = Vec::new();
                self.fallback_chain(&b.left, &mut paths);
                for mut path in paths {
                    // `items?.length ?? 0`: the field's length, not a field of its own.
                    if super::fields::is_length(&path) {
                        path.pop();
                        if let Some(f) = self.scope.field(&path) {
                            f.optional = true;
                        }
                        continue;
                    }
                    if let Some(f) = self.scope.field(&path) {
                        f.optional = true;
                        if let Some(t) = &fallback {
                            f.add_type(t.clone());
                        }
                    }
                }
            }
            _ => self.comparison(b),
        }
        if matches!(
            b.op,
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
        ) {
            // `x && x.trim()`: the right side runs on some paths only.
            b.left.visit_with(self);
            self.conditional += 1;
            b.right.visit_with(self);
            self.conditional -= 1;
            return;
        }
        b.visit_children_with(self);
    }

    fn visit_opt_chain_expr(&mut self, o: &OptChainExpr) {
        if let (true, OptChainBase::Member(m)) = (o.optional, &*o.base) {
            self.optional_members.insert(m.span);
        }
        // `RENDERERS[kind]?.(payload)`: the arguments are handed on as in a plain call.
        if let OptChainBase::Call(call) = &*o.base {
            self.hand_on(&call.callee, &call.args);
        }
        o.visit_children_with(self);
    }

    fn visit_try_stmt(&mut self, t: &TryStmt) {
        self.try_stmt(t);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        // `form.get("token")` used as a value: a read of that field.
        if let Some(path) = self.scope.getter_path(c) {
            self.scope.field(&path);
        }
        // `need(body.x)` where `need` rejects a missing argument: x is required.
        if let (Callee::Expr(callee), true) = (&c.callee, self.everywhere()) {
            if let Expr::Ident(name) = unwrap_expr(callee) {
                if let Some(indices) = self.scope.facts.guards.get(&*name.sym).cloned() {
                    for i in indices {
                        if let Some(path) = c.args.get(i).and_then(|a| self.scope.path_of(&a.expr))
                        {
                            self.require(&path);
                        }
                    }
                }
            }
        }
        self.call_types(c);
        if let Callee::Expr(callee) = &c.callee {
            if let Expr::Member(m) = unwrap_expr(callee) {
                self.unguarded_access(m);
            }
        }
        if self.item_callback(c) {
            return;
        }
        if let Callee::Expr(callee) = &c.callee {
            // `field.method(...)`: a method of the field's value, not a nested field; the same
            // on the input object itself (a helper that also takes strings: `value.slice()`).
            if let Expr::Member(m) = unwrap_expr(callee) {
                if self.scope.path_of(&m.obj).is_some() || self.scope.is_body(&m.obj) {
                    m.obj.visit_with(self);
                    c.args.visit_with(self);
                    return;
                }
            }
            self.hand_on(callee, &c.args);
        }
        c.visit_children_with(self);
    }

    fn visit_block_stmt(&mut self, b: &BlockStmt) {
        // Names declared in the block end with it (`const members = ...` in one branch does
        // not hide a `members` field elsewhere).
        let saved = self.scope.bindings();
        b.visit_children_with(self);
        // After the block's own declarations: `const { action } = body` binds what the `if`s test.
        self.sequential_dispatch(&b.stmts);
        let declared = b
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Decl(Decl::Var(v)) => Some(v.decls.iter()),
                _ => None,
            })
            .flatten()
            .filter_map(|d| match &d.name {
                Pat::Ident(i) => Some(i.id.sym.as_str().to_owned()),
                _ => None,
            })
            .collect();
        for name in &declared {
            self.scope.alternatives.remove(name);
        }
        self.scope.restore(saved, &declared);
    }

    // A function's own body is a `FunctionBody`, not a `BlockStmt`: the handler's top-level
    // dispatch (`if (action === "a") return ...; return 400`) lives there.
    fn visit_function_body(&mut self, b: &FunctionBody) {
        b.visit_children_with(self);
        self.sequential_dispatch(&b.stmts);
    }

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        if self.rejects_here(&s.cons) || self.returns_failure(&s.cons) {
            self.missing_rejected(&s.test);
            self.missing_list_rejected(&s.test);
            self.allowed_values(&s.test);
            self.compared_numbers(&s.test);
        }
        self.missing_takes(&s.test);
        self.pushed_when_missing(s);
        self.dispatch_chain(s);
        self.typeof_catch_all(s);
        // An else that goes on with the value (`if (Array.isArray(x)) ... else use(x)`): the
        // test's type check chooses a branch rather than restricts the input.
        let open = s.alt.as_deref().is_some_and(|alt| {
            !rejects(alt) && !chain_rejects(alt) && self.other_branch_uses_checked(&s.test, alt)
        });
        let saved = std::mem::replace(&mut self.open_test, open);
        // Any early exit turns the checked values away from the code after it (`if
        // (Array.isArray(rp)) return null`), as a rejection does.
        let turned_away =
            rejects(&s.cons) || (s.alt.is_none() && super::rejections::exits(&s.cons));
        let rejecting = std::mem::replace(&mut self.rejecting_test, turned_away);
        s.test.visit_with(self);
        self.open_test = saved;
        self.rejecting_test = rejecting;
        // A branch whose sibling rejects on every path runs for every request that goes on
        // (`if (ex === "okx") { if (!pass) reject } else reject`): its checks hold as here.
        let cons_rejects = s.alt.is_some() && self.always_rejects(&s.cons);
        let alt_rejects = s.alt.as_deref().is_some_and(|a| self.always_rejects(a));
        self.branch(&s.cons, !alt_rejects);
        if let Some(alt) = &s.alt {
            self.branch(alt, !cons_rejects);
        }
        self.after_if(s);
        self.branch_values(s);
    }

    fn visit_unary_expr(&mut self, u: &UnaryExpr) {
        // `delete q.user_id`: a key taken off (a copy), not one read.
        if u.op == UnaryOp::Delete {
            if let Expr::Member(m) = unwrap_expr(&u.arg) {
                m.obj.visit_with(self);
                if let MemberProp::Computed(c) = &m.prop {
                    c.visit_with(self);
                }
                return;
            }
        }
        if u.op == UnaryOp::Bang {
            if let Expr::Call(c) = unwrap_expr(&u.arg) {
                if method_call(c).is_some_and(|(o, m)| is_ident(o, "Array") && m == "isArray") {
                    self.negated_checks.push(c.span);
                }
            }
        }
        u.visit_children_with(self);
    }

    fn visit_opt_call(&mut self, c: &OptCall) {
        self.opt_call_types(c);
        c.visit_children_with(self);
    }

    fn visit_expr(&mut self, e: &Expr) {
        // A local bound to a field used as a value: the field is read here (a dispatch
        // branch that only hands `api_key` on still takes it).
        if let Expr::Ident(i) = e {
            self.local_used(&i.sym);
        }
        e.visit_children_with(self);
    }

    fn visit_prop(&mut self, p: &Prop) {
        if let Prop::Shorthand(i) = p {
            self.local_used(&i.sym);
        }
        p.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if !self.assignment(a) {
            a.visit_children_with(self);
        }
    }

    fn visit_cond_expr(&mut self, c: &CondExpr) {
        self.cond_fallback(c);
        // `Array.isArray(x) ? x : [x]` takes other values too: no type evidence. (With
        // `Array.isArray(x) ? x : []` other values are dropped: x is meant to be an array.)
        let uses = self.other_branch_uses_checked(&c.test, &*c.alt);
        let open = std::mem::replace(&mut self.open_test, uses);
        c.test.visit_with(self);
        self.open_test = open;
        self.conditional += 1;
        c.cons.visit_with(self);
        c.alt.visit_with(self);
        self.conditional -= 1;
    }

    fn visit_function(&mut self, f: &Function) {
        self.nested(|ev| f.visit_children_with(ev));
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        self.nested(|ev| a.visit_children_with(ev));
    }

    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        self.answers(r);
        r.visit_children_with(self);
    }

    fn visit_await_expr(&mut self, a: &AwaitExpr) {
        self.body_read(&a.arg);
        a.visit_children_with(self);
    }

    fn visit_ts_as_expr(&mut self, a: &TsAsExpr) {
        self.cast(a);
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
                .any(|c| c.test.is_none() && self.always_rejects_all(&c.cons));
            if closed {
                // Required only where the switch runs for every request.
                self.close(&path, lits);
            } else if let Some(f) = self.scope.field(&path) {
                for l in lits {
                    if !f.literals.contains(&l) {
                        f.literals.push(l);
                    }
                }
            }
            if closed && path.len() == 1 && self.top_level() && self.scope.dispatch.is_none() {
                self.per_case(&path[0], s);
            }
        }
        s.discriminant.visit_with(self);
        self.conditional += 1;
        s.cases.visit_with(self);
        self.conditional -= 1;
    }
}

/// An `else if` chain whose last `else` rejects (`else if (typeof x === "string") ... else
/// return 400`): every value that goes on passed one of the chain's checks.
fn chain_rejects(alt: &Stmt) -> bool {
    match alt {
        Stmt::If(i) => i
            .alt
            .as_deref()
            .is_some_and(|a| rejects(a) || chain_rejects(a)),
        _ => false,
    }
}

/// A declared type without its `undefined` (`number | undefined` for a local that may be
/// unset: a field's absence is its optionality, not part of its type), and without `null`
/// when the value assigned brings its own (`x = body.x ?? null`).
pub(super) fn defined(t: &TsType, value: Option<&Expr>) -> TsType {
    let TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) = t else {
        return t.clone();
    };
    let null_fallback = value.is_some_and(|v| {
        matches!(unwrap_expr(v), Expr::Bin(b)
            if matches!(b.op, BinaryOp::NullishCoalescing | BinaryOp::LogicalOr)
                && matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Null(_))))
    });
    let dropped = |t: &TsType| {
        matches!(t, TsType::TsKeywordType(k) if match k.kind {
            TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsVoidKeyword => true,
            TsKeywordTypeKind::TsNullKeyword => null_fallback,
            _ => false,
        })
    };
    let mut kept: Vec<Box<TsType>> = u.types.iter().filter(|t| !dropped(t)).cloned().collect();
    match kept.len() {
        0 => t.clone(),
        1 => *kept.remove(0),
        _ if kept.len() == u.types.len() => t.clone(),
        _ => {
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(TsUnionType {
                span: u.span,
                types: kept,
            }))
        }
    }
}
