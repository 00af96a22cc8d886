package nightly

import (
	"sync"

	"github.com/thidua/thidua/crawl"
)

// Phase is the stage of a night that a Progress is about.
type Phase string

// The phases of a night, in their order. A night has PhaseReextract or
// PhasePending (or neither) before PhaseCrawl; Reextract has only
// PhaseReextract.
const (
	PhaseReextract Phase = "re-extracting archive" // the archive extracted again (a new extractor, or Reextract)
	PhasePending   Phase = "retrying pending"      // PendingFile's pages extracted again from the archive
	PhaseCrawl     Phase = "crawl"                 // the crawl and the articles it hands over
)

// Progress is how far a night, or Reextract, is in its current phase:
// what Options.Progress receives, to draw a progress bar.
type Progress struct {
	Phase Phase
	// Articles are the articles extracted so far, whether their record
	// was stored or failed. PhaseCrawl goes on from PhasePending's counts
	// (the report counts the retried pages with the night's), so its last
	// Articles, Records and Errors are the report's.
	Articles int
	// Total is the number of archived articles the phase extracts, when
	// known (PhaseReextract once it has read the crawl's state, and
	// PhasePending); 0 otherwise. Articles can end below it: an article
	// no longer in the archive is skipped.
	Total int
	// Records are the records stored so far, new or changed.
	Records int
	// Errors are the failures so far: extractions, stores and, in
	// PhaseCrawl, the crawl's fetch failures (as Report.ErrorCount).
	Errors int
	// Fetches are the crawl's fetches of its URLs finished (failed ones
	// and 304 answers included, robots.txt files not), and Pending those
	// due this night and not finished, a resumed night's leftovers
	// included (crawl.Progress; PhaseCrawl only).
	Fetches, Pending int
}

// reporter hands a night's progress to Options.Progress, one call at a
// time; a nil reporter (no Options.Progress) does nothing.
type reporter struct {
	fn   func(Progress)
	mu   sync.Mutex
	last Progress
}

func newReporter(fn func(Progress)) *reporter {
	if fn == nil {
		return nil
	}
	return &reporter{fn: fn}
}

// send calls fn with p; r.mu is held.
func (r *reporter) send(p Progress) {
	r.last = p
	r.fn(p)
}

// counted reports the counts of t in phase, which extracts total archived
// articles (0: not known).
func (r *reporter) counted(phase Phase, total int, t *tally) {
	if r == nil {
		return
	}
	p := Progress{Phase: phase, Total: total}
	t.progress(&p)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.send(p)
}

// fetched returns the crawl's progress callback (crawl.WithProgress),
// which reports PhaseCrawl after every fetch with the night's counts t.
func (r *reporter) fetched(t *tally) func(crawl.Progress) {
	return func(cp crawl.Progress) {
		r.mu.Lock()
		defer r.mu.Unlock()
		// The crawl calls back from its fetching goroutines outside its
		// lock: a count taken before the last one sent can arrive after
		// it, and is dropped so that no count goes down.
		if r.last.Phase == PhaseCrawl && cp.Done < r.last.Fetches {
			return
		}
		p := Progress{Phase: PhaseCrawl, Fetches: cp.Done, Pending: cp.Pending, Errors: cp.Errors}
		t.progress(&p)
		r.send(p)
	}
}

// crawled reports the end of the crawl with the report's counts.
func (r *reporter) crawled(rep Report) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	p := Progress{Phase: PhaseCrawl, Articles: rep.Articles, Records: rep.NewRecords + rep.ChangedRecords, Errors: rep.ErrorCount()}
	if r.last.Phase == PhaseCrawl {
		p.Fetches, p.Pending = r.last.Fetches, r.last.Pending
	}
	r.send(p)
}

// progress sets p's Articles and Records to t's counts and adds t's
// extraction and store failures to p.Errors.
func (t *tally) progress(p *Progress) {
	t.mu.Lock()
	defer t.mu.Unlock()
	p.Articles, p.Records = t.pages, t.added+t.changed
	p.Errors += t.errors[ErrKindExtract] + t.errors[ErrKindStore]
}
