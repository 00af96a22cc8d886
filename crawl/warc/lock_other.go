//go:build !unix

package warc

import "os"

// tryLock is a no-op where flock is not available: a ".open" file is taken
// as abandoned, so two writers must not share a directory and prefix there.
func tryLock(f *os.File) (bool, error) { return true, nil }
