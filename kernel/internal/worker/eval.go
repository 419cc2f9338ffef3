package worker

import (
	"errors"
	"io"
)

// NewEval builds the real evaluator (package eval).
// TODO(integration): wire eval.New once package eval lands.
func NewEval(stdin io.Reader, packagesDir string) (Evaluator, error) {
	return nil, errors.New("eval package not integrated yet")
}
