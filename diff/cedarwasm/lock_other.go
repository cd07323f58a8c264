//go:build !unix

package cedarwasm

import (
	"errors"
	"os"
	"time"
)

// lockFile takes an exclusive lock on path by creating it, waiting (up to
// ten minutes) while another run holds it.
func lockFile(path string) (unlock func(), err error) {
	for deadline := time.Now().Add(10 * time.Minute); ; {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) || time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
