//! Facts about the module around the handler that evidence uses: `const` lists of literals
//! (allowed values, loop keys), `const` tables of truthy values, and helper functions that
//! reject a missing argument.

use rustc_hash::{FxHashMap, FxHashSet};
use swc_ecma_ast::*;

use super::absence::absence_tests;
use super::scope::literal;
use super::scope::{DerivedKey, Validator};
use crate::extract::ast_util::unwrap_expr;
use crate::extract::status::rejects;
use crate::model::Literal;

/// What the module around some code says, read once and handed whole to every scope that
/// walks code of that module (the handler, its branches, the helpers it calls).
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// `const NAME = ["a", "b"]` (or a `Set` of them): allowed values for
    /// `!NAME.includes(x)`, keys for `for (const k of NAME)`.
    pub lists: FxHashMap<String, Vec<Literal>>,
    /// `const NAME = { a: ..., b: ... }` with truthy values: the allowed values of `!NAME[x]`.
    pub tables: FxHashMap<String, Vec<Literal>>,
    /// `const NAME = { key: (data) => ... }`: the functions `NAME[type](data)` may call.
    pub function_tables: FxHashMap<String, Vec<String>>,
    /// `const NAME = { a: new Set(["x"]), b: [] }`: tables of literal sets, none holding `""`.
    pub set_tables: FxHashSet<String>,
    /// `const NAME = "v1"` (a number or boolean too), here or imported: the literal it is, as
    /// written in a comparison (`x !== NAME`).
    pub consts: FxHashMap<String, Literal>,
    /// `const NAME = /pattern/`.
    pub regexes: FxHashMap<String, String>,
    /// Functions that reject a missing argument: name → the parameters checked.
    pub guards: FxHashMap<String, Vec<usize>>,
    /// Helpers whose result is falsy when an argument is missing: name → that parameter.
    pub falsy_returns: FxHashMap<String, usize>,
    /// Helpers whose answer is a parameter's value as the code means it, never undefined
    /// (`String(v || "").trim().slice(0, max)`): name → that parameter. A call stands for
    /// the field it is handed, as the same expression written inline does.
    pub same_returns: FxHashMap<String, usize>,
    /// Helpers answering `""` for a missing parameter (`String(v || "").trim()`): name →
    /// that parameter.
    pub empty_returns: FxHashMap<String, usize>,
    /// Helpers whose answer tells when fields of a parameter are missing.
    pub validators: FxHashMap<String, Validator>,
    /// Helpers building an object from a parameter: name → (parameter, per key, what a
    /// missing field makes of it).
    pub object_returns: FxHashMap<String, (usize, FxHashMap<String, DerivedKey>)>,
    /// Helpers that give back their first argument's shape (`sanitize(body)`).
    pub shape_keeping: FxHashSet<String>,
}

impl Facts {
    /// The facts of `module` alone: its constants, guards and top-level helpers.
    pub fn of_module(module: &Module) -> Facts {
        let mut facts = Facts::consts_of(module);
        facts.read_helpers(&super::returns::module_functions(module), &Facts::default());
        facts
    }

    /// What the functions of an imported `module` answer, read among all of that module's
    /// own functions (`optionalUrl` calling `optionalString`, which the handler does not
    /// import), under the names they are imported as: (local name, exported name).
    pub(super) fn imported(&mut self, module: &Module, names: &[(String, String)]) {
        let own = Facts::of_module(module);
        for (local, remote) in names {
            if let Some(&i) = own.falsy_returns.get(remote) {
                self.falsy_returns.insert(local.clone(), i);
            }
            if let Some(&i) = own.same_returns.get(remote) {
                self.same_returns.insert(local.clone(), i);
            }
            if let Some(&i) = own.empty_returns.get(remote) {
                self.empty_returns.insert(local.clone(), i);
            }
        }
    }

    /// `module`'s constants and guards, without its helpers' answers.
    pub fn consts_of(module: &Module) -> Facts {
        Facts {
            lists: module_lists(module),
            tables: module_tables(module),
            function_tables: module_function_tables(module),
            regexes: module_regexes(module),
            consts: module_consts(module, literal),
            set_tables: module_consts(module, set_table).into_keys().collect(),
            guards: module_guards(module),
            ..Facts::default()
        }
    }

    /// What `functions` answer (falsy results, validators, built objects, kept shapes).
    /// `known`: what imported helpers answer, read in their own module (see
    /// [`Facts::imported`]).
    pub(super) fn read_helpers(
        &mut self,
        functions: &[super::returns::ModuleFn<'_>],
        known: &Facts,
    ) {
        self.falsy_returns =
            super::returns::falsy_returns(functions, &known.falsy_returns, &self.regexes);
        self.object_returns = super::returns::object_returns(functions, &self.falsy_returns);
        self.same_returns = super::returns::same_returns(functions, &known.same_returns);
        self.empty_returns = super::empty_text::empty_returns(functions, &known.empty_returns);
        self.shape_keeping = super::returns::shape_keeping(functions);
        self.validators = super::validators::validators(functions);
    }
}

/// `["a", "b"]` (also `as const`, or a `new Set` of one): the literals of an array made
/// only of literals.
pub fn literal_list(e: &Expr) -> Option<Vec<Literal>> {
    // `new Set(["a", "b"])`: the same values, checked with `.has(x)`.
    if let Expr::New(n) = unwrap_expr(e) {
        let set = matches!(unwrap_expr(&n.callee), Expr::Ident(i) if &*i.sym == "Set");
        return match n.args.as_deref() {
            Some([only]) if set && only.spread.is_none() => literal_list(&only.expr),
            _ => None,
        };
    }
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
pub fn module_lists(module: &Module) -> FxHashMap<String, Vec<Literal>> {
    module_consts(module, literal_list)
}

/// Module-level `const NAME = { key: value, ... }` whose values are all truthy (objects,
/// arrays, functions, non-empty strings, `true`, non-zero numbers): name → its keys.
pub fn module_tables(module: &Module) -> FxHashMap<String, Vec<Literal>> {
    module_consts(module, table_keys)
}

/// `{ a: new Set(["x", "y"]), b: [] }` (not empty): every value a list of literals, none of
/// them `""`.
fn set_table(e: &Expr) -> Option<()> {
    let Expr::Object(o) = unwrap_expr(e) else {
        return None;
    };
    let lists = o.props.iter().map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) => literal_list(&kv.value),
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    });
    let mut any = false;
    for list in lists {
        let list = list?;
        if list.iter().any(|l| *l == Literal::String(String::new())) {
            return None;
        }
        any = true;
    }
    any.then_some(())
}

/// `{ key: value, ... }` (not empty) whose values are all truthy: its keys.
pub fn table_keys(e: &Expr) -> Option<Vec<Literal>> {
    let Expr::Object(o) = unwrap_expr(e) else {
        return None;
    };
    if o.props.is_empty() {
        return None;
    }
    o.props
        .iter()
        .map(|p| match p {
            PropOrSpread::Prop(p) => match &**p {
                Prop::KeyValue(kv) if truthy(&kv.value) => {
                    crate::extract::ast_util::prop_name(&kv.key).map(Literal::String)
                }
                Prop::Method(m) => crate::extract::ast_util::prop_name(&m.key).map(Literal::String),
                _ => None,
            },
            PropOrSpread::Spread(_) => None,
        })
        .collect()
}

/// Module-level `const NAME = /pattern/`: name → pattern.
pub fn module_regexes(module: &Module) -> FxHashMap<String, String> {
    module_consts(module, super::patterns::regex_literal)
}

/// Module-level `const NAME = { key: (data) => ..., ... }` whose values are all functions:
/// name → its keys. `NAME[type](data)` calls one of them.
pub fn module_function_tables(module: &Module) -> FxHashMap<String, Vec<String>> {
    module_consts(module, |e| {
        let Expr::Object(o) = unwrap_expr(e) else {
            return None;
        };
        o.props
            .iter()
            .map(|p| match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv)
                        if matches!(unwrap_expr(&kv.value), Expr::Arrow(_) | Expr::Fn(_)) =>
                    {
                        crate::extract::ast_util::prop_name(&kv.key)
                    }
                    Prop::Method(m) => crate::extract::ast_util::prop_name(&m.key),
                    _ => None,
                },
                PropOrSpread::Spread(_) => None,
            })
            .collect()
    })
}

fn truthy(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Object(_) | Expr::Array(_) | Expr::Fn(_) | Expr::Arrow(_) | Expr::Tpl(_) => true,
        Expr::Lit(Lit::Str(s)) => !s.value.is_empty(),
        Expr::Lit(Lit::Bool(b)) => b.value,
        Expr::Lit(Lit::Num(n)) => n.value != 0.0 && !n.value.is_nan(),
        _ => false,
    }
}

/// Module-level `const` declarations whose value `read` understands.
pub(super) fn module_consts<T>(
    module: &Module,
    read: impl Fn(&Expr) -> Option<T>,
) -> FxHashMap<String, T> {
    let mut out = FxHashMap::default();
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
                if let Some(value) = read(init) {
                    out.insert(name.id.sym.as_str().to_owned(), value);
                }
            }
        }
    }
    out
}

/// Module-level functions that reject a missing argument (`function need(v) { if (!v) throw
/// ... }`, also as a `const` arrow): function name → indices of the parameters checked.
pub fn module_guards(module: &Module) -> FxHashMap<String, Vec<usize>> {
    let mut out = FxHashMap::default();
    for f in super::returns::module_functions(module) {
        let super::returns::FnBody::Block(body) = f.body else {
            continue;
        };
        let mut checked = Vec::new();
        for stmt in &body.stmts {
            if let Stmt::If(i) = stmt {
                if rejects(&i.cons) {
                    let mut tested = Vec::new();
                    absence_tests(&i.test, &mut tested);
                    checked.extend(tested.into_iter().filter_map(|e| match unwrap_expr(e) {
                        Expr::Ident(id) => Some(id.sym.as_str().to_owned()),
                        _ => None,
                    }));
                }
            }
        }
        let indices: Vec<usize> = f
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.as_ref().is_some_and(|p| checked.contains(p)))
            .map(|(i, _)| i)
            .collect();
        if !indices.is_empty() {
            out.insert(f.name, indices);
        }
    }
    out
}

impl super::scope::Scope {
    /// The literal `e` is: written out (`"v1"`), or a module constant holding one
    /// (`CONSENT_VERSION`).
    pub(super) fn value_literal(&self, e: &Expr) -> Option<Literal> {
        literal(e).or_else(|| match unwrap_expr(e) {
            Expr::Ident(i) => self.facts.consts.get(&*i.sym).cloned(),
            _ => None,
        })
    }
}
