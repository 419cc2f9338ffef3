// Package dispatch turns Jupyter requests into replies: one handler table per
// channel (shell, control), the busy → work → idle order around every request,
// the execution count, and the history of executed cells.
//
// It knows nothing of ZeroMQ or of how cells run. It talks to the transport
// through [Transport] and to the Go engine through [Engine]; both are small
// interfaces declared here so tests can drive a [Dispatcher] with fakes.
//
// Execute requests run one at a time, in arrival order, on their own
// goroutine, so that completion, inspection, is_complete, history and
// kernel_info are answered at once even while a cell is running.
package dispatch
