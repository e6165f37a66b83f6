// Package mail composes the e-mails that carry invoices and sends them
// through a billing entity's SMTP server. A failed send says what the
// server answered and whether trying again may help (Temporary), so a
// retry job can decide.
package mail

import (
	"bytes"
	"fmt"
	"net/mail"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Attachment is a file sent with a message.
type Attachment struct {
	// Name is the file name the recipient sees, e.g. RE-2027-000042.pdf.
	Name string
	// ContentType, e.g. application/pdf; application/octet-stream when empty.
	ContentType string
	Bytes       []byte
}

// Message is one e-mail: plain text in UTF-8, with attachments.
type Message struct {
	// From is the sender's address, FromName the name shown with it.
	From, FromName string
	// ReplyTo, when set, is where answers go.
	ReplyTo string
	// To is the recipient.
	To string
	// Bcc, when set, receives a blind copy (the bookkeeping's).
	Bcc     string
	Subject string
	// Body is plain text.
	Body        string
	Attachments []Attachment
	// MessageID, when set, is the Message-ID header without angle
	// brackets (id@domain); otherwise one is made up.
	MessageID string
}

// Composed is a message ready to send.
type Composed struct {
	msg *gomail.Msg
}

// Compose checks the addresses of m and builds the MIME message: an
// invalid address is an error naming the field.
func Compose(m Message) (*Composed, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP), gomail.WithNoDefaultUserAgent())
	if err := checkAddress("from", m.From, true); err != nil {
		return nil, err
	}
	if err := checkAddress("to", m.To, true); err != nil {
		return nil, err
	}
	if err := checkAddress("reply_to", m.ReplyTo, false); err != nil {
		return nil, err
	}
	if err := checkAddress("bcc", m.Bcc, false); err != nil {
		return nil, err
	}
	if strings.TrimSpace(m.FromName) != "" {
		if err := msg.FromFormat(strings.TrimSpace(m.FromName), m.From); err != nil {
			return nil, fmt.Errorf("mail: from: %w", err)
		}
	} else if err := msg.From(m.From); err != nil {
		return nil, fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: to: %w", err)
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, fmt.Errorf("mail: reply_to: %w", err)
		}
	}
	if m.Bcc != "" {
		if err := msg.Bcc(m.Bcc); err != nil {
			return nil, fmt.Errorf("mail: bcc: %w", err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetUserAgent("Leitstand")
	if m.MessageID != "" {
		msg.SetMessageIDWithValue(m.MessageID)
	} else {
		msg.SetMessageID()
	}
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Bytes), gomail.WithFileContentType(gomail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("mail: attach %s: %w", a.Name, err)
		}
	}
	return &Composed{msg: msg}, nil
}

// Bytes is the message as it goes over the wire (RFC 5322, without the
// Bcc header).
func (c *Composed) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := c.msg.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MessageID is the Message-ID header, with its angle brackets.
func (c *Composed) MessageID() string { return c.msg.GetMessageID() }

// CheckAddress says whether s is a bare e-mail address (no name, no angle
// brackets), as the settings and the message fields take them.
func CheckAddress(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") && !strings.HasSuffix(s, "@localhost") {
		return fmt.Errorf("%q is not an e-mail address such as rechnung@example.com", s)
	}
	return nil
}

func checkAddress(field, s string, required bool) error {
	if s == "" {
		if required {
			return fmt.Errorf("mail: %s: no address", field)
		}
		return nil
	}
	if err := CheckAddress(s); err != nil {
		return fmt.Errorf("mail: %s: %w", field, err)
	}
	return nil
}
