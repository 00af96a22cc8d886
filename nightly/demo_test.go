package nightly

import (
	"context"
	"slices"
	"testing"

	"github.com/thidua/thidua"
)

func TestDemo(t *testing.T) {
	res, err := Demo(context.Background(), DemoOptions{Sites: fixtureSites, Data: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("member %v, absent %v, unknown %v", res.Answer.Member, res.Answer.Absent, res.Answer.Unknown)
	if res.Answer.Unit != "border-guard" {
		t.Errorf("unit %q, want border-guard", res.Answer.Unit)
	}
	// seed-003 (baonghean.vn) is the Khối Nội chính - Lực lượng vũ trang of
	// Nghệ An, whose members include the border guard.
	if !slices.Contains(res.Answer.Member, "Nghệ An") {
		t.Errorf("Nghệ An not among the provinces including the border guard: %v", res.Answer.Member)
	}
	if res.Report.NewRecords == 0 {
		t.Errorf("demo night made no record: %+v", res.Report)
	}
}

// TestDemoBuiltIn runs the demo on the fixture sites built into the
// binary (thidua.DemoSites, copied out for the night) and gets the answer
// the checkout's tree gives.
func TestDemoBuiltIn(t *testing.T) {
	want, err := Demo(context.Background(), DemoOptions{Sites: fixtureSites, Data: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Demo(context.Background(), DemoOptions{SitesFS: thidua.DemoSites(), Data: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if got.Report.Pages != want.Report.Pages || got.Report.NewRecords != want.Report.NewRecords {
		t.Errorf("built-in sites: %d pages, %d records; the checkout's: %d, %d",
			got.Report.Pages, got.Report.NewRecords, want.Report.Pages, want.Report.NewRecords)
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"member", got.Answer.Member, want.Answer.Member},
		{"absent", got.Answer.Absent, want.Answer.Absent},
		{"unknown", got.Answer.Unknown, want.Answer.Unknown},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %v with the built-in sites, %v with the checkout's", c.name, c.got, c.want)
		}
	}
}
