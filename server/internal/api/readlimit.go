package api

import (
	"net/http"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/leitstand/leitstand/server/internal/platform/admission"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// WriteFirst is how long a write counts as urgent work (see
// platform/admission): its first statements run while fewer reads are
// admitted.
const WriteFirst = 50 * time.Millisecond

// limitReads runs the calls of procedures without side effects through
// gate (see platform/admission), from before their credential is resolved;
// a read whose caller gives up while it waits ends there. Writes and
// sign-ins are never queued behind reads: a flood of reads — a dashboard
// left open on many screens, a script paging through everything — cannot
// starve them.
func limitReads(gate *admission.Gate, reads map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !reads[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		release, err := gate.Read(r.Context())
		if err != nil {
			return // the caller left while waiting
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

// writesFirst makes the first WriteFirst of a signed-in caller's write
// urgent work for gate: fewer reads are admitted while its statements run.
// Only signed-in callers': an anonymous caller (a sign-in attempt, which
// spends tens of milliseconds of CPU on the password hash) must not be
// able to slow everyone's reads down by sending many.
func writesFirst(gate *admission.Gate, reads map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !reads[r.URL.Path] && authz.FromContext(r.Context()) != nil {
			defer gate.UrgentFor(WriteFirst)()
		}
		next.ServeHTTP(w, r)
	})
}

// readProcedures returns the paths of the procedures of services that
// declare no side effects (idempotency_level NO_SIDE_EFFECTS).
func readProcedures(services []string) map[string]bool {
	reads := map[string]bool{}
	for _, name := range services {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			continue
		}
		sd, ok := d.(protoreflect.ServiceDescriptor)
		if !ok {
			continue
		}
		for i := range sd.Methods().Len() {
			m := sd.Methods().Get(i)
			if o, ok := m.Options().(*descriptorpb.MethodOptions); ok && o.GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS {
				reads["/"+name+"/"+string(m.Name())] = true
			}
		}
	}
	return reads
}
