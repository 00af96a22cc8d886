package nightly

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl/testsite"
)

// TestReadersDuringNight checks that a reader (as `thidua serve` opens the
// store between its requests) gets in while a night is crawling: the night
// holds the corpus only around its writes.
func TestReadersDuringNight(t *testing.T) {
	e := newEnv(t, testsite.Options{Latency: 20 * time.Millisecond})
	o := e.options()
	o.Hold = 10 * time.Millisecond
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), o)
		done <- err
	}()
	var reads, busy atomic.Int64
	deadline := time.After(2 * time.Minute)
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("nightly: %v", err)
			}
			running = false
		case <-deadline:
			t.Fatal("the night did not end in two minutes")
		default:
			c, err := corpus.Open(e.data, corpus.Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond})
			if err != nil {
				busy.Add(1)
				time.Sleep(5 * time.Millisecond)
				continue
			}
			// A read between two of the night's writes sees some records.
			if st, err := c.Stats(); err == nil && st.Records > 0 {
				reads.Add(1)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	t.Logf("reads between the night's writes: %d, refused while it wrote: %d", reads.Load(), busy.Load())
	if reads.Load() == 0 {
		t.Error("no reader got in between the night's writes")
	}
}
