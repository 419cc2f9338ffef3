package worker

import (
	"fmt"
	"strings"
	"time"

	"golessons/kernel/internal/eval"
	"golessons/kernel/internal/goroutines"
)

// The notice under a cell that returns while goroutines it started are
// still alive: "3 goroutines still running: 3 × time.Sleep at line 2".
// Goroutines blocked forever on a channel that nothing else can reach
// (no notebook variable holds it, every other cell goroutine is stuck
// too) are called leaked. The dump behind it is taken only when the
// evaluator counts live goroutines, so cells without any pay nothing.

// settleLimit bounds how long the notice waits for the cell's goroutines
// to settle: to finish (`go fmt.Println(x)` as a cell's last line is not
// worth a notice) or to reach what they wait on (a goroutine just started
// is "running", a moment later it is in time.Sleep at line 3). It never
// waits for a goroutine to finish its sleep: output a goroutine prints
// after its cell still comes after the reply.
const settleLimit = 50 * time.Millisecond

// leftovers is what the notice needs from the evaluator.
type leftovers interface {
	watched
	LiveGoroutines() int
	GoStatements() int
	SiteChannels(label string) ([]uintptr, bool)
	HeldChannels() map[uintptr]bool
}

// interpCreated reports a goroutine started by an interpreted go statement.
func interpCreated(g goroutines.Goroutine) bool {
	return strings.HasPrefix(g.CreatedBy, "golessons/third_party/yaegi/interp.") &&
		g.CreatedBy != "golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext"
}

// aliveBefore returns the ids of cell goroutines alive as a cell starts,
// or nil when there are none (the usual case: no dump).
func aliveBefore(ev leftovers) map[int64]bool {
	if ev.LiveGoroutines() == 0 {
		return nil
	}
	ids := map[int64]bool{}
	for _, g := range goroutines.Parse(goroutines.Dump()) {
		if _, ok := g.Labels[eval.LabelKey]; ok && interpCreated(g) {
			ids[g.ID] = true
		}
	}
	return ids
}

// busy reports whether any of gs is running or about to.
func busy(gs []goroutines.Goroutine) bool {
	for _, g := range gs {
		if g.State == "running" || g.State == "runnable" {
			return true
		}
	}
	return false
}

// cellGoroutines returns the goroutines started by cells' go statements
// that are alive and not in skip, and whether every goroutine of the
// cells is stuck (then none of them can release another).
func cellGoroutines(job int64, skip map[int64]bool) (mine, all []goroutines.Goroutine, allStuck bool) {
	allStuck = true
	for _, g := range goroutines.Parse(goroutines.Dump()) {
		if _, ok := g.Labels[eval.LabelKey]; !ok || g.ID == job {
			continue
		}
		if _, stuck := g.Stuck(); !stuck && g.Creator != job {
			allStuck = false // the running cell itself (listing) does not count
		}
		if interpCreated(g) {
			all = append(all, g)
			if !skip[g.ID] {
				mine = append(mine, g)
			}
		}
	}
	return mine, all, allStuck
}

// noneReachable reports whether every goroutine of the cells waits on
// channels that no variable of the notebook holds. Only then is one of
// them leaked: a goroutine waiting on a channel only another goroutine
// holds (a pipeline's first stage, read by the next stage's `range in`)
// runs again once a later cell wakes that other goroutine, and the
// reference it holds, a local of its function, is invisible here. A wait
// on a WaitGroup or mutex may be ended from a later cell too.
func noneReachable(ev leftovers, all []goroutines.Goroutine, held *map[uintptr]bool) bool {
	for _, g := range all {
		label := g.Labels[eval.LabelKey]
		w, stuck := g.Stuck()
		if !stuck || w.Op == "call" {
			return false
		}
		chans, ok := ev.SiteChannels(label)
		if !ok || len(chans) == 0 {
			return false
		}
		if *held == nil {
			*held = ev.HeldChannels()
		}
		if (*held)[eval.HeldUnknown] {
			return false
		}
		for _, c := range chans {
			if (*held)[c] {
				return false
			}
		}
	}
	return true
}

// leftoverNotice describes the goroutines started during the cell that
// are still alive, or returns "" when there are none.
// goAtStart is ev.GoStatements() as the cell began: a goroutine the cell
// started may not have begun running yet, and then only that count shows it.
func leftoverNotice(ev leftovers, job int64, before map[int64]bool, goAtStart int) string {
	if ev.LiveGoroutines() == 0 && ev.GoStatements() <= goAtStart {
		return ""
	}
	mine, all, allStuck := cellGoroutines(job, before)
	for end := time.Now().Add(settleLimit); busy(mine) && time.Now().Before(end); {
		time.Sleep(2 * time.Millisecond)
		mine, all, allStuck = cellGoroutines(job, before)
	}
	if len(mine) == 0 {
		return ""
	}
	cur := ev.CellNumber()
	var held map[uintptr]bool
	canLeak := allStuck && noneReachable(ev, all, &held)
	var order []string
	count := map[string]int{}
	for _, g := range mine {
		d := describeLeftover(ev, g, cur, canLeak, &held).text()
		if count[d] == 0 {
			order = append(order, d)
		}
		count[d]++
	}
	parts := make([]string, len(order))
	for i, d := range order {
		parts[i] = fmt.Sprintf("%d × %s", count[d], d)
	}
	noun := "goroutines"
	if len(mine) == 1 {
		noun = "goroutine"
	}
	return fmt.Sprintf("%d %s still running: %s\n", len(mine), noun, strings.Join(parts, "; "))
}

// leftover is one goroutine a cell left: what it does and where.
type leftover struct {
	what    string // "time.Sleep", "chan send", "leaked (blocked forever on chan send)"
	line    int    // 0 when unknown
	earlier bool   // the line is in an earlier cell
}

// at is " at line 3" or " at line 3 of an earlier cell".
func (l leftover) at() string {
	if l.line == 0 {
		return ""
	}
	s := fmt.Sprintf(" at line %d", l.line)
	if l.earlier {
		s += " of an earlier cell"
	}
	return s
}

// text is the notice's description of l.
func (l leftover) text() string {
	if strings.HasPrefix(l.what, "leaked") {
		return strings.TrimSuffix(l.what, ")") + l.at() + ")"
	}
	return l.what + l.at()
}

// describeLeftover says where g is and what it waits on.
func describeLeftover(ev leftovers, g goroutines.Goroutine, cur int, allStuck bool, held *map[uintptr]bool) leftover {
	label := g.Labels[eval.LabelKey]
	s, known := ev.SiteOf(label)
	w, waiting := g.Waiting()
	var l leftover
	if known && waiting && s.Op == w.Op {
		l.line, l.earlier = s.Line, s.Cell != cur
	}
	switch {
	case g.State == "running" || g.State == "runnable":
		return leftover{what: "running"}
	case waiting && w.Op == "call":
		l.what = strings.NewReplacer("(*", "", ")", "").Replace(w.API)
		return l
	case !waiting:
		return leftover{what: "waiting (" + g.State + ")"}
	}
	l.what = stuckState(g, s)
	if _, stuck := g.Stuck(); stuck && l.line != 0 && allStuck && !s.External && !s.NilChan {
		if chans, ok := ev.SiteChannels(label); ok && len(chans) > 0 {
			if *held == nil {
				*held = ev.HeldChannels()
			}
			free := !(*held)[eval.HeldUnknown]
			for _, c := range chans {
				free = free && !(*held)[c]
			}
			if free {
				l.what = "leaked (blocked forever on " + l.what + ")"
			}
		}
	}
	return l
}
