//go:build !race

package debugger

const raceDetector = false
