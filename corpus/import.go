package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/thidua/thidua/extract"
)

// LineError is a line of an imported file that could not be used.
type LineError struct {
	Name string // the input's name, as given to Import
	Line int    // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ImportStats says what an Import did.
type ImportStats struct {
	PutStats
	Lines   int         // non-blank lines read
	Skipped []LineError // lines that were not records; the others are kept
}

// Import reads JSONL records (as `thidua extract` or Dump writes them) and
// puts them into the store and the index in batches. A line that is not a
// record is skipped and reported in Skipped with name:line; the good lines
// are kept. The error is for the input or the store failing, not for bad
// lines. progress, when not nil, is called after each batch with the
// number of lines read so far.
//
// Into an empty store, Import is a bulk load: the records go to the store
// only, and the index is then built once with bleve's offline builder
// (reported to Options.Progress); searches see the new records when Import
// returns. It was 1.8 times the rate of indexing batch by batch; since Put
// makes its documents as the rebuild does, the two are about even at
// 100,000 records (BenchmarkImport 3,400 to 3,800 records per CPU second
// on a loaded machine, BenchmarkPut 3,700 to 4,300).
func (c *Corpus) Import(r io.Reader, name string, progress func(lines int)) (st ImportStats, err error) {
	if c.ro {
		return st, fmt.Errorf("corpus: import %s: %w", name, ErrReadOnly)
	}
	n, _, err := c.recordCount()
	if err != nil {
		return st, err
	}
	bulk := n == 0
	if bulk {
		defer func() {
			if st.Added+st.Updated == 0 {
				return
			}
			c.wmu.Lock()
			defer c.wmu.Unlock()
			if rerr := c.rebuild(context.Background(), c.opts.Progress); err == nil && rerr != nil {
				err = fmt.Errorf("corpus: import %s: %w", name, rerr)
			}
		}()
	}
	batch := make([]extract.Record, 0, c.opts.BatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ps, err := c.put(batch, !bulk)
		st.Added += ps.Added
		st.Updated += ps.Updated
		st.Linked += ps.Linked
		st.Generation = ps.Generation
		batch = batch[:0]
		if progress != nil {
			progress(st.Lines)
		}
		if err != nil {
			return fmt.Errorf("corpus: import %s: %w", name, err)
		}
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		st.Lines++
		var rec extract.Record
		if err := json.Unmarshal(b, &rec); err != nil {
			st.Skipped = append(st.Skipped, LineError{name, line, err})
			continue
		}
		rec, err := prepare(rec)
		if err != nil {
			st.Skipped = append(st.Skipped, LineError{name, line, err})
			continue
		}
		batch = append(batch, rec)
		if len(batch) >= c.opts.BatchSize {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("corpus: import %s:%d: %w", name, line+1, err)
	}
	return st, flush()
}

// SkippedError joins the skipped lines into one error, or nil.
func (st ImportStats) SkippedError() error {
	errs := make([]error, len(st.Skipped))
	for i := range st.Skipped {
		errs[i] = &st.Skipped[i]
	}
	return errors.Join(errs...)
}
