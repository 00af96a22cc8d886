package nightly

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is the name of the lock file in the data directory.
const LockFile = "nightly.lock"

// ErrLocked is wrapped by the error of a run that found another run holding
// the data directory.
var ErrLocked = errors.New("nightly: another run holds the data directory")

// LockedError says which process holds the lock.
type LockedError struct {
	Path string // the lock file
	PID  int    // the holder's pid as it wrote it; 0 when unreadable
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("%v: %s", ErrLocked, e.Path)
	}
	return fmt.Sprintf("%v: %s (pid %d)", ErrLocked, e.Path, e.PID)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// lock is a held run lock.
type lock struct {
	f *os.File
	// stale is the pid found in the file when the lock was taken: a run
	// that died holding it (a clean run empties the file on release).
	stale int
}

// acquire takes the lock of dir without waiting: a *LockedError when
// another process holds it. A file left by a dead process is taken over.
func acquire(dir string) (*lock, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("nightly: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid := readPID(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("nightly: lock %s: %w", path, err)
	}
	l := &lock{f: f, stale: readPID(f)}
	if err := writePID(f, os.Getpid()); err != nil {
		l.release()
		return nil, fmt.Errorf("nightly: lock %s: %w", path, err)
	}
	return l, nil
}

// release empties the file (so that the next run does not take it for a
// dead run's) and unlocks it.
func (l *lock) release() error {
	err := l.f.Truncate(0)
	if cerr := l.f.Close(); err == nil { // closing the descriptor drops the flock
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("nightly: unlock %s: %w", l.f.Name(), err)
	}
	return nil
}

// readPID reads the pid a run wrote; anything else (longer than 32 bytes,
// not a positive number) gives 0.
func readPID(f *os.File) int {
	b := make([]byte, 33)
	n, _ := f.ReadAt(b, 0)
	if n > 32 {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

func writePID(f *os.File, pid int) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(pid)+"\n"), 0)
	return err
}

// Running reports whether a run holds the lock of the data directory dir,
// and its pid. It only reads the lock file and asks the kernel whether that
// process lives (it never takes the lock, so it cannot make a starting run
// refuse); a reused pid can make it say yes wrongly.
func Running(dir string) (pid int, running bool, err error) {
	f, err := os.Open(filepath.Join(dir, LockFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("nightly: lock: %w", err)
	}
	defer f.Close()
	pid = readPID(f)
	if pid == 0 {
		return 0, false, nil
	}
	if err := syscall.Kill(pid, 0); err == nil || errors.Is(err, syscall.EPERM) {
		return pid, true, nil
	}
	return pid, false, nil
}
