package nightly

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzLockFile: whatever a dead run (or a person) left in the lock file,
// the lock is taken, the stale pid is the file's number or 0, and the file
// then holds this process's pid.
func FuzzLockFile(f *testing.F) {
	for _, s := range []string{"", "999999\n", "12", " 7 \n", "abc", "-3", "99999999999999999999999", "1\n2\n", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		dir := t.TempDir()
		path := filepath.Join(dir, LockFile)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		lk, err := acquire(dir)
		if err != nil {
			t.Fatalf("lock over %q: %v", content, err)
		}
		want := 0
		if len(content) <= 32 {
			if n, err := strconv.Atoi(strings.TrimSpace(content)); err == nil && n > 0 {
				want = n
			}
		}
		if lk.stale != want {
			t.Errorf("stale pid from %q: %d, want %d", content, lk.stale, want)
		}
		b, err := os.ReadFile(path)
		if err != nil || strings.TrimSpace(string(b)) != strconv.Itoa(os.Getpid()) {
			t.Errorf("lock file while held: %q %v", b, err)
		}
		if err := lk.release(); err != nil {
			t.Fatal(err)
		}
	})
}
