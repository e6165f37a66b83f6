package audit

import "github.com/leitstand/leitstand/server/ent"

// Rehash is the hash of e linked to prev under key (nil: unkeyed), as
// someone who rewrites the database would compute it.
func Rehash(e *ent.AuditEvent, prev, key []byte) []byte {
	r := fromEnt(e)
	r.PrevHash = prev
	return r.hash(key)
}
