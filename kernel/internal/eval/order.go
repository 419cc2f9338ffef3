package eval

import (
	"go/ast"
	"go/token"
	"slices"
)

// The functions below decide the order and grouping in which a cell's
// units reach yaegi.

// oneStatementEach splits statement units into one unit per top-level
// statement. yaegi reports a panic at the start of the block it ran, so a
// block per statement makes the reported line the statement's own. Runs
// that start goroutines stay whole: each execution may grow yaegi's
// global frame, which its goroutines read without a lock (a data race
// inside yaegi), so fewer executions while they run is safer. They are
// still split before a statement defining again a name an earlier cell
// declared (redefines): yaegi declares a run's globals before it runs
// any of it, so the statements before read the new, zero variable
// (`b := a; a := 10; go f()` gave b 0).
func oneStatementEach(units []*unit, redefines func(ast.Stmt) bool) []*unit {
	var out []*unit
	// piece is a unit of u's statements list. The pieces of a run that
	// starts goroutines keep the run's braces, where the debugger does not
	// stop; a one-statement piece has the statement's own.
	piece := func(u *unit, list []ast.Stmt, lbrace, rbrace token.Pos) *unit {
		return &unit{kind: segStmt, src: u.src, segs: u.segs, block: &ast.BlockStmt{Lbrace: lbrace, List: list, Rbrace: rbrace}}
	}
	for _, u := range units {
		if u.block == nil || len(u.block.List) < 2 {
			out = append(out, u)
			continue
		}
		list := u.block.List
		if !startsGoroutines(u.block) {
			for _, s := range list {
				out = append(out, piece(u, []ast.Stmt{s}, s.Pos(), s.End()))
			}
			continue
		}
		start := 0
		for i, s := range list {
			if i > start && redefines(s) {
				out = append(out, piece(u, list[start:i], u.block.Lbrace, u.block.Rbrace))
				start = i
			}
		}
		if start == 0 {
			out = append(out, u)
		} else {
			out = append(out, piece(u, list[start:], u.block.Lbrace, u.block.Rbrace))
		}
	}
	return out
}

func startsGoroutines(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if _, ok := x.(*ast.GoStmt); ok {
			found = true
		}
		return !found
	})
	return found
}

// hoistImports moves the import units first, in cell order: a Go file's
// imports serve the whole file, and a cell whose import comes after the
// func using it (pasted in two pieces) failed with "undefined: fmt".
func hoistImports(units []*unit) []*unit {
	out := make([]*unit, 0, len(units))
	for _, u := range units {
		if u.kind == segImport {
			out = append(out, u)
		}
	}
	for _, u := range units {
		if u.kind != segImport {
			out = append(out, u)
		}
	}
	return out
}

// hoistDecls moves declaration units above the statement units before
// them, as far as they do not use a name those statements declare: in a
// Go file, package-level declarations are visible everywhere, and
// students write helper funcs below the code that calls them.
func hoistDecls(units []*unit) []*unit {
	for i := 1; i < len(units); i++ {
		if units[i].kind == segStmt {
			continue
		}
		uses := identsIn(units[i].file)
		j := i
		for j > 0 && units[j-1].kind == segStmt && !usesAnyName(uses, stmtDefs(units[j-1].block.List)) {
			units[j-1], units[j] = units[j], units[j-1]
			j--
		}
	}
	return units
}

// hoistVars orders each run of declaration units and plain `var`
// statement units so that every unit comes after the units declaring the
// names it uses: in a Go file, package-level declarations are visible
// everywhere, and a pasted program's func main often uses a var declared
// below it, or a var's initialiser calls a func declared further down.
// Units that use each other (an initialisation cycle, which Go rejects
// anyway) keep their cell order.
func hoistVars(units []*unit) []*unit {
	units = splitVars(units)
	var out []*unit
	for start := 0; start < len(units); {
		end := start
		for end < len(units) && movable(units[end]) {
			end++
		}
		out = append(out, orderByUse(units[start:end])...)
		if end < len(units) {
			out = append(out, units[end])
		}
		start = end + 1
	}
	return out
}

// splitVars gives each var of a run of plain vars a unit of its own
// (var a = b + 1 above var b = 2, or in one var ( ... ) group), so that
// orderByUse can put each after the vars it uses, as Go initialises them.
func splitVars(units []*unit) []*unit {
	var out []*unit
	for _, u := range units {
		if u.kind != segStmt || u.block == nil || !onlyVars(u.block.List) {
			out = append(out, u)
			continue
		}
		var specs []ast.Stmt
		for _, s := range u.block.List {
			g := s.(*ast.DeclStmt).Decl.(*ast.GenDecl)
			if len(g.Specs) == 1 {
				specs = append(specs, s)
				continue
			}
			for _, sp := range g.Specs {
				specs = append(specs, &ast.DeclStmt{Decl: &ast.GenDecl{Doc: g.Doc, TokPos: sp.Pos(), Tok: token.VAR, Specs: []ast.Spec{sp}}})
			}
		}
		if len(specs) == 1 {
			out = append(out, u)
			continue
		}
		for _, s := range specs {
			out = append(out, &unit{kind: segStmt, src: u.src, segs: u.segs,
				block: &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{s}, Rbrace: s.End()}})
		}
	}
	return out
}

// movable reports whether u is a declaration or a run of plain vars.
func movable(u *unit) bool {
	return u.kind == segDecl || (u.kind == segStmt && u.block != nil && onlyVars(u.block.List))
}

// useInfo is what orderByUse knows of a unit.
type useInfo struct {
	u     *unit
	uses  map[string]bool
	names []string
	// init: the unit declares a func init, which Go runs after every
	// package-level var is initialised, whatever their order in the file.
	init bool
	// methodsOf are the receiver types of the methods the unit declares.
	methodsOf []string
}

func newUseInfo(u *unit) useInfo {
	in := useInfo{u: u, uses: map[string]bool{}}
	if u.file != nil {
		for _, d := range u.file.Decls { // not the package name
			parts := []ast.Node{d}
			var own map[string]bool
			if fd, ok := d.(*ast.FuncDecl); ok {
				own = funcOwnNames(fd)
				if fd.Recv != nil {
					// A method's name is no use of the package-level func of
					// that name (a Bank's Deposit beside func Deposit).
					parts = []ast.Node{fd.Recv, fd.Type}
					if fd.Body != nil {
						parts = append(parts, fd.Body)
					}
				}
			}
			for _, part := range parts {
				for n := range identsIn(part) {
					if !own[n] {
						in.uses[n] = true
					}
				}
			}
		}
		in.names = declNames(u.file)
		for _, d := range u.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				in.init = true
			}
		}
	} else {
		in.uses = identsIn(u.block)
		in.names = stmtDefs(u.block.List)
	}
	for _, n := range in.names {
		delete(in.uses, n)
	}
	if u.file != nil {
		// Code using a type waits for every unit with methods of it:
		// split from its type's unit, a method would otherwise come
		// after a func main declared above it that calls it.
		for _, d := range u.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 {
				if name := typeNameOf(fd.Recv.List[0].Type); name != "" {
					in.methodsOf = append(in.methodsOf, name)
				}
			}
		}
	}
	return in
}

// funcOwnNames are the names fd declares for its whole body: its
// receiver, parameters and results (not its locals, which may come after
// a use of the package-level name). A receiver `s` is no use of a
// notebook's `var s`: a `var s any = S(1)`, which waits for S's methods,
// was put before them and held its value without them.
func funcOwnNames(fd *ast.FuncDecl) map[string]bool {
	own := map[string]bool{}
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params, fd.Type.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				own[n.Name] = true
			}
		}
	}
	return own
}

// orderByUse returns run sorted: repeatedly the first unit that uses no
// name declared by a unit still waiting. When every unit waits on another,
// the first declaration unit holding several declarations is split into
// one unit each (a var may sit between them: `var s = f(); const n = 3;
// func f()...` cut as [var s] [const n; func f]); failing that, the first
// unit goes next. Split pieces still adjacent at the end are joined again,
// so funcs calling each other compile together.
func orderByUse(run []*unit) []*unit {
	if len(run) < 2 {
		return run
	}
	var wait []useInfo
	for _, u := range run {
		wait = append(wait, newUseInfo(u))
	}
	var out []*unit
	for len(wait) > 0 {
		pick := firstFree(wait)
		if pick < 0 {
			if i := firstSplittable(wait); i >= 0 {
				var pieces []useInfo
				for _, p := range splitDecls(wait[i].u) {
					pieces = append(pieces, newUseInfo(p))
				}
				wait = append(wait[:i], append(pieces, wait[i+1:]...)...)
				continue
			}
			pick = 0
		}
		out = append(out, wait[pick].u)
		wait = append(wait[:pick], wait[pick+1:]...)
	}
	return joinPieces(out)
}

func firstFree(wait []useInfo) int {
	for i, in := range wait {
		free := true
		for j, other := range wait {
			// A var using a type waits for its methods, unless they use
			// the var (a map of names their String reads): then the
			// methods, which read it only when called, come after. A unit
			// of several declarations waits anyway, to be split: its func
			// main calling the methods must come after them, its type they
			// return before them.
			if j != i && (usesAnyName(in.uses, other.names) || in.init && !other.init ||
				waitsForMethods(in, other) && (!usesAnyName(other.uses, in.names) || splittable(in))) {
				free = false
				break
			}
		}
		if free {
			return i
		}
	}
	return -1
}

// waitsForMethods reports whether in uses a type other declares methods
// of; the methods of one type do not wait for each other.
func waitsForMethods(in, other useInfo) bool {
	for _, t := range other.methodsOf {
		if in.uses[t] && !slices.Contains(in.methodsOf, t) {
			return true
		}
	}
	return false
}

func firstSplittable(wait []useInfo) int {
	for i, in := range wait {
		if splittable(in) {
			return i
		}
	}
	return -1
}

// splittable reports whether splitDecls cuts in's unit in pieces (a
// type's methods are one piece).
func splittable(in useInfo) bool {
	return in.u.file != nil && len(in.u.file.Decls) > 1 && len(splitDecls(in.u)) > 1
}

// splitDecls cuts a declaration unit into one unit per declaration.
// The methods of one type stay in one piece, at the first one's place:
// the interpreter compiles a method calling another (Louder calling
// String) only with that one declared.
func splitDecls(u *unit) []*unit {
	var out []*unit
	methods := map[string]*unit{}
	for _, d := range u.file.Decls {
		recv := ""
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 {
			recv = typeNameOf(fd.Recv.List[0].Type)
		}
		if p := methods[recv]; recv != "" && p != nil {
			p.file.Decls = append(p.file.Decls, d)
			continue
		}
		f := *u.file
		f.Decls = []ast.Decl{d}
		p := &unit{kind: u.kind, file: &f, src: u.src, segs: u.segs, piece: u}
		if recv != "" {
			methods[recv] = p
		}
		out = append(out, p)
	}
	return out
}

// joinPieces joins adjacent pieces split from the same unit.
func joinPieces(units []*unit) []*unit {
	var out []*unit
	for _, u := range units {
		if n := len(out); n > 0 && u.piece != nil && out[n-1].piece == u.piece {
			last := *out[n-1].file
			last.Decls = append(append([]ast.Decl(nil), last.Decls...), u.file.Decls...)
			out[n-1].file = &last
			continue
		}
		out = append(out, u)
	}
	return out
}

func onlyVars(list []ast.Stmt) bool {
	for _, s := range list {
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			return false
		}
		if g, ok := ds.Decl.(*ast.GenDecl); !ok || g.Tok != token.VAR {
			return false
		}
	}
	return len(list) > 0
}

// declNames lists every name a declaration file declares, types included.
func declNames(f *ast.File) []string {
	names := declDefs(f)
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				names = append(names, s.(*ast.TypeSpec).Name.Name)
			}
		}
	}
	return names
}

func usesAnyName(refs map[string]bool, names []string) bool {
	for _, n := range names {
		if refs[n] {
			return true
		}
	}
	return false
}
