package corpus

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Shared opens a data directory read-only when it is asked for, shares the
// open corpus among the callers that hold it at the same time, and closes
// it once nobody has held it for an idle time: a server built on it holds
// the store's shared lock only while it answers (and for the idle time
// after), so writers (a nightly run, an import) get the store in between.
// Its methods are safe for concurrent use.
type Shared struct {
	dir  string
	opts Options
	idle time.Duration

	mu     sync.Mutex
	c      *Corpus
	users  int         // callers holding c
	timer  *time.Timer // closes c when it fires with users == 0
	epoch  uint64      // bumped at each Acquire: a stale timer does nothing
	closed bool
	quiet  bool // notices were given at the first open
}

// DefaultIdle is how long a Shared keeps the corpus open after the last
// caller released it.
const DefaultIdle = 500 * time.Millisecond

// NewShared returns a Shared over dir. opts.ReadOnly is implied; a zero
// opts.LockTimeout means 5 seconds here (a request waits that long for a
// writer before it fails with ErrBusy); idle 0 means DefaultIdle. The
// index's notices (see Options.ReadOnly) go to opts.Log at the first open
// only.
func NewShared(dir string, opts Options, idle time.Duration) *Shared {
	opts.ReadOnly = true
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 5 * time.Second
	}
	if idle <= 0 {
		idle = DefaultIdle
	}
	return &Shared{dir: dir, opts: opts, idle: idle}
}

// Dir returns the data directory.
func (s *Shared) Dir() string { return s.dir }

// Acquire returns the corpus, opening it when it is not open, and a
// release function the caller must call once done with it (once).
func (s *Shared) Acquire() (*Corpus, func(), error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, nil, fmt.Errorf("corpus: %s: shared corpus closed", s.dir)
	}
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.epoch++
	if s.c == nil {
		o := s.opts
		if s.quiet {
			o.Log = nil
		}
		c, err := Open(s.dir, o)
		if err != nil {
			return nil, nil, err
		}
		s.c, s.quiet = c, true
	}
	s.users++
	var once sync.Once
	return s.c, func() { once.Do(s.release) }, nil
}

// release ends one caller's hold and arms the idle timer after the last.
func (s *Shared) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if s.users > 0 || s.c == nil {
		return
	}
	if s.closed { // Close came while it was held
		c := s.c
		s.c = nil
		if err := c.Close(); err != nil {
			fmt.Fprintf(s.log(), "%v\n", err)
		}
		return
	}
	epoch := s.epoch
	s.timer = time.AfterFunc(s.idle, func() { s.closeIdle(epoch) })
}

// closeIdle closes the corpus if nobody acquired it since the timer was
// armed.
func (s *Shared) closeIdle(epoch uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users > 0 || s.epoch != epoch || s.c == nil {
		return
	}
	c := s.c
	s.c, s.timer = nil, nil
	if err := c.Close(); err != nil {
		fmt.Fprintf(s.log(), "%v\n", err)
	}
}

// IsOpen reports whether the corpus is open now (held, or within the idle
// time after the last release).
func (s *Shared) IsOpen() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c != nil
}

// Close closes the corpus if it is open, or, while callers hold it, once
// the last one releases it. Later Acquires fail.
func (s *Shared) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if s.c == nil || s.users > 0 {
		return nil
	}
	c := s.c
	s.c = nil
	return c.Close()
}

func (s *Shared) log() io.Writer {
	if s.opts.Log == nil {
		return io.Discard
	}
	return s.opts.Log
}

// Acquire returns c itself and a release that does nothing, so that an
// open Corpus serves wherever a Shared does (web.Source).
func (c *Corpus) Acquire() (*Corpus, func(), error) { return c, func() {}, nil }
