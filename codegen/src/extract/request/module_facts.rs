//! Facts about the module around the handler that evidence uses: `const` lists of literals
//! (allowed values, loop keys) and helper functions that reject a missing argument.

use std::collections::HashMap;

use swc_ecma_ast::*;

use super::rejections::absence_tests;
use super::scope::literal;
use crate::extract::ast_util::unwrap_expr;
use crate::extract::status::rejects;
use crate::model::Literal;

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

/// Module-level functions that reject a missing argument (`function need(v) { if (!v) throw
/// ... }`, also as a `const` arrow): function name → indices of the parameters checked.
pub fn module_guards(module: &Module) -> HashMap<String, Vec<usize>> {
    let mut out = HashMap::new();
    let mut add = |name: String, params: Vec<Option<String>>, body: &FunctionBody| {
        let mut checked = Vec::new();
        for stmt in &body.stmts {
            if let Stmt::If(i) = stmt {
                if rejects(&i.cons) {
                    let mut tested = Vec::new();
                    absence_tests(&i.test, &mut tested);
                    checked.extend(tested.into_iter().filter_map(|e| match unwrap_expr(e) {
                        Expr::Ident(id) => Some(id.sym.to_string()),
                        _ => None,
                    }));
                }
            }
        }
        let indices: Vec<usize> = params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.as_ref().is_some_and(|p| checked.contains(p)))
            .map(|(i, _)| i)
            .collect();
        if !indices.is_empty() {
            out.insert(name, indices);
        }
    };
    let ident = |p: &Pat| match p {
        Pat::Ident(b) => Some(b.id.sym.to_string()),
        _ => None,
    };
    for item in &module.body {
        let stmt = match item {
            ModuleItem::Stmt(s) => s,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => {
                if let Decl::Fn(f) = &e.decl {
                    if let Some(body) = &f.function.body {
                        let params = f.function.params.iter().map(|p| ident(&p.pat)).collect();
                        add(f.ident.sym.to_string(), params, body);
                    }
                }
                continue;
            }
            _ => continue,
        };
        match stmt {
            Stmt::Decl(Decl::Fn(f)) => {
                if let Some(body) = &f.function.body {
                    let params = f.function.params.iter().map(|p| ident(&p.pat)).collect();
                    add(f.ident.sym.to_string(), params, body);
                }
            }
            Stmt::Decl(Decl::Var(v)) => {
                for d in &v.decls {
                    let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) else {
                        continue;
                    };
                    if let Expr::Arrow(a) = unwrap_expr(init) {
                        if let ArrowFunctionBody::FunctionBody(body) = &*a.body {
                            let params = a.params.iter().map(ident).collect();
                            add(name.id.sym.to_string(), params, body);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}
