package worker

import (
	"golessons/display"
	"golessons/kernel/internal/link"
	"golessons/widgets"
)

// Comms: the frontend's comm messages arrive on the request reader at any
// time, with or without a running cell, and go straight to package
// widgets, which queues whatever callbacks they trigger; the reader never
// waits for a cell or a callback.

var commKinds = map[link.Kind]string{
	link.KindCommOpen:  widgets.KindOpen,
	link.KindCommMsg:   widgets.KindMsg,
	link.KindCommClose: widgets.KindClose,
}

// receiveComm hands one comm request to the widgets.
func (w *worker) receiveComm(req link.Request) {
	if req.Comm == nil {
		w.opts.Log.Warn("comm request without comm", "kind", req.Kind)
		return
	}
	c := req.Comm
	widgets.Receive(widgets.Message{Kind: commKinds[req.Kind], CommID: c.ID, Target: c.Target, Data: c.Data, Metadata: c.Metadata})
}

// sendWidget is the widgets' sender: displays go out as any display does,
// comm messages as comm events.
func (w *worker) sendWidget(m widgets.Message) {
	if m.Kind == widgets.KindDisplay {
		w.publishDisplay(display.Message{Kind: display.KindDisplay, Data: m.Data})
		return
	}
	for kind, name := range commKinds {
		if name != m.Kind {
			continue
		}
		w.mu.Lock()
		id := w.lastID
		w.mu.Unlock()
		ev := link.Event{Kind: kind, ID: id, Comm: &link.Comm{ID: m.CommID, Target: m.Target, Data: m.Data, Metadata: m.Metadata}}
		if err := w.emit(ev); err != nil {
			w.opts.Log.Warn("send comm", "err", err)
		}
		return
	}
}
