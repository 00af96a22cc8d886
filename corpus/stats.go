package corpus

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Stats summarizes the store.
type Stats struct {
	Records    int            `json:"records"`    // all records, relevant or not
	Counted    int            `json:"counted"`    // relevant records with province and year, linked copies counted once
	Provinces  map[string]int `json:"provinces"`  // province -> counted records
	Years      map[int]int    `json:"years"`      // year -> counted records
	Generation uint64         `json:"generation"` // Puts the store has seen
	Updated    time.Time      `json:"updated"`    // time of the last Put
}

// Stats counts the records by province and year, from the store's cells.
func (c *Corpus) Stats() (Stats, error) {
	st := Stats{Provinces: map[string]int{}, Years: map[int]int{}}
	err := c.db.View(func(tx *bolt.Tx) error {
		st.Records = tx.Bucket(bucketRecords).Stats().KeyN
		m := tx.Bucket(bucketMeta)
		st.Generation = decodeUint(m.Get(keyGeneration))
		if v := m.Get(keyUpdated); v != nil {
			st.Updated, _ = time.Parse(time.RFC3339, string(v))
		}
		return nil
	})
	if err == nil {
		err = c.scanCells(func(v cellVisit) {
			for _, e := range v.entries {
				if !e.isCopy() {
					st.Counted++
					st.Provinces[v.province]++
					st.Years[v.year]++
				}
			}
		})
	}
	if err != nil {
		return st, fmt.Errorf("corpus: stats: %w", err)
	}
	return st, nil
}
