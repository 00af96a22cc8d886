package nightly

import (
	"errors"
	"sync"
	"time"

	"github.com/thidua/thidua/corpus"
)

// DefaultHold is how long the night keeps the corpus open after its last
// write before it lets readers (thidua serve) in again.
const DefaultHold = 300 * time.Millisecond

// writer opens the corpus read-write only while the night writes records
// and closes it after hold without writes, so that `thidua serve`, which
// opens the store read-only between its requests, keeps answering during a
// night instead of waiting for the whole crawl.
type writer struct {
	dir  string
	opts corpus.Options
	hold time.Duration

	mu    sync.Mutex
	c     *corpus.Corpus
	timer *time.Timer
	err   error // errors of closes made by the timer
}

func newWriter(dir string, opts corpus.Options, hold time.Duration) *writer {
	if hold <= 0 {
		hold = DefaultHold
	}
	return &writer{dir: dir, opts: opts, hold: hold}
}

// with runs fn on the open corpus, opening it when it is closed.
func (w *writer) with(fn func(*corpus.Corpus) error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
	}
	if w.c == nil {
		c, err := corpus.Open(w.dir, w.opts)
		if err != nil {
			return err
		}
		w.c = c
	}
	err := fn(w.c)
	w.timer = time.AfterFunc(w.hold, w.closeIdle)
	return err
}

func (w *writer) closeIdle() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closeLocked()
}

func (w *writer) closeLocked() {
	if w.c != nil {
		w.err = errors.Join(w.err, w.c.Close())
		w.c = nil
	}
}

// Close closes the corpus if it is open and reports any error of a close.
func (w *writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
	}
	w.closeLocked()
	return w.err
}
