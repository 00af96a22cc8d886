package corpus_test

import (
	"fmt"
	"log"
	"os"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

func Example() {
	dir, err := os.MkdirTemp("", "thidua-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	c, err := corpus.Open(dir, corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	members := func(units ...string) []extract.Member {
		var ms []extract.Member
		for _, u := range units {
			ms = append(ms, extract.Member{Name: u, Unit: u})
		}
		return ms
	}
	_, err = c.Put(
		extract.Record{ID: "a", Relevant: true, Province: "Hà Tĩnh", Year: 2020, MembersComplete: true,
			Members: members("police", "border-guard")},
		extract.Record{ID: "b", Relevant: true, Province: "Vĩnh Phúc", Year: 2020, MembersComplete: true,
			Members: members("police", "court")},
		extract.Record{ID: "c", Relevant: true, Province: "Bình Định", Year: 2020,
			Members: members("court")},
	)
	if err != nil {
		log.Fatal(err)
	}
	m, err := c.Query("bien phong", corpus.Filter{}, corpus.ByProvince)
	if err != nil {
		log.Fatal(err)
	}
	for i, p := range m.Rows {
		fmt.Println(p, m.Cells[i][0].State, m.Cells[i][0].Evidence)
	}
	fmt.Println("member in", m.Member, "absent in", m.Absent)
	// Output:
	// Bình Định unknown []
	// Hà Tĩnh member [a]
	// Vĩnh Phúc absent [b]
	// member in [Hà Tĩnh] absent in [Vĩnh Phúc]
}
