package nightly

import (
	"context"
	"slices"
	"testing"
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
