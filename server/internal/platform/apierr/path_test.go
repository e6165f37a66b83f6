package apierr_test

import (
	"errors"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

func TestPaths(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{apierr.Path("organization", "billing_address", "city"), "organization.billing_address.city"},
		{apierr.Path("", "name"), "name"},
		{apierr.Path("settings", "bank.iban"), "settings.bank.iban"},
		{apierr.Path(apierr.Index("items", 2), "name"), "items[2].name"},
		{apierr.Key("labels", "env"), "labels[env]"},
		{apierr.Path(), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestUnder(t *testing.T) {
	t.Parallel()
	err := apierr.InvalidFields(
		apierr.FieldViolation{Field: "name", Rule: "required", Message: "give it a name"},
		apierr.FieldViolation{Field: "update_mask", Rule: "update_mask.paths", Message: "unknown"},
	)
	de, _ := apierr.As(apierr.Under(err, "organization", "update_mask", "reason"))
	if de.Fields[0].Field != "organization.name" || de.Fields[1].Field != "update_mask" || de.Message != err.Message {
		t.Errorf("Under = %+v", de)
	}
	if err.Fields[0].Field != "name" {
		t.Error("Under changed the error it was given")
	}
	plain := errors.New("boom")
	if apierr.Under(plain, "organization") != plain {
		t.Error("an error without violations changed")
	}
}
