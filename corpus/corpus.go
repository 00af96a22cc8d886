package corpus

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// Options tune a corpus; the zero value works.
type Options struct {
	// Log receives notices a researcher should see, such as "index is
	// behind the records: rebuilding". Nil discards them.
	Log io.Writer
	// Progress, when set, is called while the index is (re)built, with the
	// number of records indexed so far and the total.
	Progress func(done, total int)
	// BatchSize is the number of records Import puts at a time, and the
	// most a Put gives the index in one batch (a rebuild reports Progress
	// every BatchSize records); 0 means 1000.
	BatchSize int
	// LockTimeout bounds the wait for another process holding the store;
	// 0 means 30 seconds, long enough for a writer to wait out a burst of
	// a server's requests. A notice goes to Log while it waits.
	LockTimeout time.Duration
	// ReadOnly opens the store with a shared lock and the index read-only,
	// so that any number of read-only opens (a server, queries) coexist,
	// and a writer waits only while one is open. Nothing is created or
	// rebuilt: an index that is missing makes Search and text filters fail
	// with ErrNoIndex (Query, Compare, Get, Dump without text answer from
	// the store); one that is behind is used as it is, with a notice. Put,
	// Import and Reindex fail with ErrReadOnly.
	ReadOnly bool
}

// Corpus is a data directory opened for reading and writing: the records
// (the source of truth) and the bleve index derived from them. Its methods
// are safe for concurrent use.
type Corpus struct {
	dir  string
	opts Options
	db   *bolt.DB
	ro   bool // opened with Options.ReadOnly (readonly.go)

	wmu sync.Mutex // serializes writers: Put, Reindex
	// persisted is closed once the index has persisted the last batch a
	// Put gave it (see indexRecords); nil when nothing is pending. Guarded
	// by wmu.
	persisted chan struct{}

	imu        sync.RWMutex // guards index, swapped by Reindex
	index      bleve.Index
	indexTried bool // read-only: the index was opened, or found unusable (readonly.go)

	cmu   sync.Mutex // guards cells
	cells *cellCache // the cells bucket as of a generation (cells.go)
}

// Filter selects records; it is shared by Query, Compare, Search and Dump.
// The zero value selects everything (for Query and Compare: every
// provincial-level record, see Level).
type Filter struct {
	// Province is a province as written ("Nghệ An", "nghe an", "TP.HCM");
	// it is matched to its canonical name.
	Province string
	// Province2025 is a post-merger unit as written ("Phú Thọ").
	Province2025 string
	// YearFrom and YearTo bound the year, inclusive; 0 leaves a side open.
	YearFrom, YearTo int
	// Unit is a member unit as a researcher writes it ("Biên phòng",
	// "BĐBP", "border-guard"), resolved with extract.ResolveUnit.
	Unit string
	// EventType is one of the extract.Event* kinds.
	EventType string
	// Level is a bloc level (extract.Level*). Empty means every level for
	// Search and Dump, and the provincial level for Query and Compare (which
	// answer about the provincial bloc; records of unknown level count too).
	Level string
	// Text is a bleve query string that records must also match.
	Text string
	// All includes non-relevant records in Search and Dump (Query and
	// Compare only ever use relevant records).
	All bool
}

// Group names how Query and Compare group records into rows.
type Group string

// Groupings.
const (
	ByProvince     Group = "province"      // the province as it was at the event
	ByProvince2025 Group = "province_2025" // the unit after the July 2025 merger
)

// Errors callers can tell apart with errors.Is.
var (
	// ErrNoID is returned for a record without an id nor a URL to derive it from.
	ErrNoID = errors.New("corpus: record has no id")
	// ErrUnknownUnit is returned when a unit cannot be resolved.
	ErrUnknownUnit = errors.New("corpus: unknown unit")
	// ErrUnknownProvince is returned when a province name is not known.
	ErrUnknownProvince = errors.New("corpus: unknown province")
	// ErrBadQuery is returned for a query string bleve cannot parse.
	ErrBadQuery = errors.New("corpus: bad query")
	// ErrBadOptions is returned for inconsistent options.
	ErrBadOptions = errors.New("corpus: bad options")
	// ErrReadOnly is returned by Put, Import and Reindex on a corpus
	// opened with Options.ReadOnly.
	ErrReadOnly = errors.New("corpus: opened read-only")
	// ErrNoIndex is returned by a search on a read-only corpus whose
	// index is missing or does not open (a read-write open rebuilds it).
	ErrNoIndex = errors.New("corpus: no usable index")
	// ErrBusy is returned when another process held the store for longer
	// than Options.LockTimeout.
	ErrBusy = errors.New("corpus: store in use by another process")
)

// Open opens the data directory dir, creating it when needed: the records
// under dir/records/ and the index under dir/index/. An index that is
// missing, does not open, or is behind the records is rebuilt from them,
// with a notice on opts.Log. With opts.ReadOnly, see readonly.go: nothing
// is created nor rebuilt.
func Open(dir string, opts Options) (*Corpus, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 30 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.ReadOnly {
		return openReadOnly(dir, opts)
	}
	if err := os.MkdirAll(filepath.Join(dir, "records"), 0o755); err != nil {
		return nil, fmt.Errorf("corpus: open %s: %w", dir, err)
	}
	db, err := openStore(filepath.Join(dir, "records", storeFile), opts)
	if err != nil {
		return nil, err
	}
	c := &Corpus{dir: dir, opts: opts, db: db}
	if err := c.openIndex(); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// Dir returns the data directory.
func (c *Corpus) Dir() string { return c.dir }

// Close closes the index and the store.
func (c *Corpus) Close() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.waitPersisted()
	c.imu.Lock()
	defer c.imu.Unlock()
	var errs []error
	if c.index != nil {
		errs = append(errs, c.index.Close())
		c.index = nil
	}
	c.indexTried = true
	if c.db != nil {
		errs = append(errs, c.db.Close())
		c.db = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("corpus: close %s: %w", c.dir, err)
	}
	return nil
}
