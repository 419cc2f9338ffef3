// Package widgets gives notebook cells the standard Jupyter widgets
// (ipywidgets 8 models): sliders, dropdowns, buttons, text, output areas,
// boxes and an Interact helper, live in JupyterLab and Notebook 7.
//
// Each widget is a model whose state lives here, in the runner, and in the
// frontend; the two stay in step over a Jupyter comm (target
// "jupyter.widget", protocol version 2). Moving a slider updates the Go
// value and runs its OnChange callbacks; SetValue in Go moves the slider.
// Callbacks run on one goroutine of this package, one at a time, also after
// the cell that made the widget has finished.
//
// Every widget has the same small set of methods: ModelID (its comm id),
// Show (display it under the cell), Close (remove it from the page) and
// String; widgets with a value add Value, SetValue and OnChange, whose
// callback gets the new value in the widget's Go type. A widget that is a
// cell's final value shows as itself (MIMEBundle). Output collects text and
// rich output written from Go (Println, HTML, Display, Replace); Interact
// builds controls plus an Output that shows what a func returns.
//
// The package knows nothing of messages or sockets: the runner installs a
// sender with [SetSender] and hands it the frontend's comm messages with
// [Receive]. Without a sender (a plain Go program) widgets still hold their
// values, and nothing is shown.
//
// The package imports only the standard library.
package widgets
