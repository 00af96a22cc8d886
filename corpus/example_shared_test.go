package corpus_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

// ExampleShared serves reads from a data directory that a writer updates
// at the same time: the reader holds the store only while it reads.
func ExampleShared() {
	dir, err := os.MkdirTemp("", "thidua-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	put := func(id string) {
		w, err := corpus.Open(dir, corpus.Options{}) // waits for readers (30 s at most)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Put(extract.Record{ID: id, Relevant: true, Province: "Nghệ An", Year: 2024}); err != nil {
			log.Fatal(err)
		}
		if err := w.Close(); err != nil {
			log.Fatal(err)
		}
	}
	put("first")

	s := corpus.NewShared(dir, corpus.Options{}, 10*time.Millisecond)
	defer s.Close()
	c, release, err := s.Acquire()
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Put(extract.Record{ID: "x"})
	fmt.Println("write through the reader refused:", errors.Is(err, corpus.ErrReadOnly))
	release() // closed once idle: the writer gets the store

	put("second")
	c, release, err = s.Acquire()
	if err != nil {
		log.Fatal(err)
	}
	defer release()
	_, ok, err := c.Get("second")
	fmt.Println("the reader sees the writer's record:", ok, err)
	// Output:
	// write through the reader refused: true
	// the reader sees the writer's record: true <nil>
}
