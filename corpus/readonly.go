package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Locks. The store is bbolt: a read-write open takes an exclusive lock on
// records/store.db, a read-only open (Options.ReadOnly) a shared one, so
// read-only opens coexist and a writer waits until none is open. Every open
// takes the store's lock before it opens the index and Close releases the
// index first, so the store's lock also orders the index's (scorch's
// root.bolt has the same exclusive and shared locks).

// lockNotice is how long an open waits for the store's lock silently; past
// it, a notice goes to Options.Log and the open waits up to LockTimeout.
const lockNotice = 200 * time.Millisecond

// lockStore opens the bbolt file at path, read-only or not as opts says,
// waiting for another process's lock up to opts.LockTimeout.
func lockStore(path string, opts Options) (*bolt.DB, error) {
	bo := &bolt.Options{ReadOnly: opts.ReadOnly, Timeout: min(opts.LockTimeout, lockNotice)}
	db, err := bolt.Open(path, 0o644, bo)
	if errors.Is(err, bolterrors.ErrTimeout) && opts.LockTimeout > lockNotice {
		fmt.Fprintf(opts.Log, "corpus: %s is in use by another process (a server answering requests, or a command): waiting up to %v\n",
			path, opts.LockTimeout)
		bo.Timeout = opts.LockTimeout - lockNotice
		db, err = bolt.Open(path, 0o644, bo)
	}
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s, waited %v: %w", ErrBusy, path, opts.LockTimeout, err)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: open store %s: %w", path, err)
	}
	return db, nil
}

// openReadOnly is Open with opts.ReadOnly: the store must exist; the index
// is used as it is, or not at all.
func openReadOnly(dir string, opts Options) (*Corpus, error) {
	path := filepath.Join(dir, "records", storeFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("corpus: open %s read-only: no store: %w", dir, err)
	}
	db, err := lockStore(path, opts)
	if err != nil {
		return nil, err
	}
	err = db.View(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRecords, bucketCells, bucketKeys, bucketMeta} {
			if tx.Bucket(b) == nil {
				return fmt.Errorf("no bucket %s (never opened read-write)", b)
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("corpus: open store %s read-only: %w", path, err)
	}
	// The index is opened when a search first needs it (rlockIndex):
	// Query, Compare, Get and Stats read the store only, so a server's
	// request after a pause does not pay for the index.
	return &Corpus{dir: dir, opts: opts, db: db, ro: true}, nil
}

// rlockIndex returns the index with c.imu read-locked (the caller unlocks
// it), opening it read-only on a read-only corpus's first search. Without
// an index it returns ErrNoIndex, unlocked.
func (c *Corpus) rlockIndex() (bleve.Index, error) {
	c.imu.RLock()
	if c.index != nil {
		return c.index, nil
	}
	tried := c.indexTried
	c.imu.RUnlock()
	if !c.ro || tried {
		return nil, fmt.Errorf("%w in %s", ErrNoIndex, c.dir)
	}
	c.imu.Lock()
	if c.index == nil && !c.indexTried && c.db != nil {
		c.indexTried = true
		if err := c.openIndexReadOnly(); err != nil {
			c.imu.Unlock()
			return nil, err
		}
	}
	c.imu.Unlock()
	return c.rlockIndex()
}

// openIndexReadOnly opens dir/index read-only; the caller holds imu. An
// index that is missing or does not open leaves c.index nil (searches fail
// with ErrNoIndex); one that is behind the store is used, with a notice:
// the store's answers (Query, Compare, Get) are current, searches may miss
// the last changes.
func (c *Corpus) openIndexReadOnly() error {
	gen, err := c.Generation()
	if err != nil {
		return err
	}
	path := filepath.Join(c.dir, indexDirName)
	registerAnalysis()
	idx, err := bleve.OpenUsing(path, map[string]any{
		"read_only":    true,
		"bolt_timeout": c.opts.LockTimeout.String(),
	})
	if err != nil {
		fmt.Fprintf(c.opts.Log, "corpus: no usable index in %s (%v): searches fail until a read-write open (thidua reindex) rebuilds it; questions are answered from the records\n", path, err)
		return nil
	}
	ig, err := indexGeneration(idx)
	switch {
	case !hasYearKey(idx):
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s has no year_key field (an index made before year ranges searched it): searches with a year range find nothing until a read-write open rebuilds it\n", path)
	case indexFormatOf(idx) != indexFormat:
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s is of format %q, this version writes %q: searches may differ until a read-write open rebuilds it\n", path, indexFormatOf(idx), indexFormat)
	case err != nil:
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s has no valid generation marker (%v): searches may be wrong until a read-write open rebuilds it\n", path, err)
	case ig != gen:
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s reflects generation %d of the records, the store is at %d: searches may miss the last changes until a read-write open catches it up\n", path, ig, gen)
	}
	c.index = idx
	return nil
}

// ReadOnly reports whether c was opened with Options.ReadOnly.
func (c *Corpus) ReadOnly() bool { return c.ro }
