package nightly

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

// Error kinds of a run's report besides the crawl's fetch failures.
const (
	ErrKindExtract = "extract" // a page the extractor could not read
	ErrKindStore   = "store"   // a record the corpus could not store
)

// Outcome is what storing one extracted record did.
type Outcome int

// Outcomes of storing a record.
const (
	Unchanged Outcome = iota // the corpus had the same record
	New                      // the corpus had no record with its id
	Changed                  // the corpus had a different record with its id
)

// tally counts the outcomes of the pages of a run; it is safe for
// concurrent use (the crawl reports pages from several goroutines).
type tally struct {
	mu                   sync.Mutex
	pages                int
	added, changed, same int
	errors               map[string]int
	firstErr             error
}

func (t *tally) count(o Outcome, err error, kind string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pages++
	if err != nil {
		if t.errors == nil {
			t.errors = map[string]int{}
		}
		t.errors[kind]++
		if t.firstErr == nil {
			t.firstErr = err
		}
		return
	}
	switch o {
	case New:
		t.added++
	case Changed:
		t.changed++
	default:
		t.same++
	}
}

// store extracts doc and puts its record into c unless c already has the
// same one. The error kind says which stage failed.
func store(c *corpus.Corpus, doc extract.Document, province string) (Outcome, string, error) {
	res, err := extractPage(doc, province)
	if err != nil {
		return 0, ErrKindExtract, err
	}
	rec := res.Record
	if rec.ID == "" {
		rec.ID = extract.IDFromURL(rec.URL)
	}
	old, ok, err := c.Get(rec.ID)
	if err != nil {
		return 0, ErrKindStore, fmt.Errorf("nightly: read record %s (%s): %w", rec.ID, doc.URL, err)
	}
	outcome := New
	if ok {
		if same, err := sameRecord(old, rec); err != nil {
			return 0, ErrKindStore, fmt.Errorf("nightly: compare record %s (%s): %w", rec.ID, doc.URL, err)
		} else if same {
			return Unchanged, "", nil
		}
		outcome = Changed
	}
	if _, err := c.Put(rec); err != nil {
		return 0, ErrKindStore, fmt.Errorf("nightly: store record %s (%s): %w", rec.ID, doc.URL, err)
	}
	return outcome, "", nil
}

// sameRecord compares two records as JSON, without the links (the
// corpus's, not the extractor's).
func sameRecord(a, b extract.Record) (bool, error) {
	a.Links, b.Links = nil, nil
	ja, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	return string(ja) == string(jb), nil
}

// ErrPanic is wrapped by the error of a page on which the extractor
// panicked: the night counts it and goes on with the other pages.
var ErrPanic = errors.New("nightly: extractor panicked")

func extractPage(doc extract.Document, province string) (res extract.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w on %s: %v", ErrPanic, doc.URL, v)
		}
	}()
	res, err = extract.Extract(doc, extract.Options{Province: province})
	if err != nil {
		return res, fmt.Errorf("nightly: extract %s: %w", doc.URL, err)
	}
	return res, nil
}
