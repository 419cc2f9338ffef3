// Package debugger is the runner's side of the Jupyter debug protocol: a
// Debug Adapter Protocol (DAP) adapter over the evaluator's debugger.
//
// The kernel forwards JupyterLab's debug_request content unchanged; an
// [Adapter] answers each DAP request with the DAP response the kernel puts
// in debug_reply, and reports stops, resumes and goroutine starts and
// exits as DAP events for debug_event. Cells are named as JupyterLab
// names them: the file tmpFilePrefix + Murmur2(code, hashSeed) +
// tmpFileSuffix, which the adapter also gives the evaluator to compile
// each cell under, so breakpoints and stack frames use the cells' own
// lines. Goroutines are DAP threads; structs, slices, maps and pointers
// expand through variablesReference handles that live until the thread
// they came from resumes.
//
// The adapter knows nothing of links, sockets or processes: the worker
// feeds it requests and sends what it returns.
package debugger
