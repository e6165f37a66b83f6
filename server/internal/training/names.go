package training

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	entcourse "github.com/leitstand/leitstand/server/ent/course"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	entnotice "github.com/leitstand/leitstand/server/ent/licencenotice"
	entreg "github.com/leitstand/leitstand/server/ent/registration"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
)

// Names are the names the audit log shows for the courses, sessions,
// registrations, licences and notices of idList the caller sees: a
// course's title, a session's course and day, a person's name with the
// course.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	out := map[uuid.UUID]string{}
	licences, err := s.client.Licence.Query().Where(entlicence.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	// The courses named, and those of the licences, in one read.
	courseIDs := append([]uuid.UUID{}, idList...)
	for _, l := range licences {
		courseIDs = append(courseIDs, l.CourseID)
	}
	courses, err := s.client.Course.Query().Where(entcourse.IDIn(courseIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	titles := map[uuid.UUID]string{}
	for _, c := range courses {
		titles[c.ID] = c.Title
	}
	for _, id := range idList {
		if t, ok := titles[id]; ok {
			out[id] = t
		}
	}
	sessions, err := s.client.TrainingSession.Query().Where(entsession.IDIn(idList...)).WithCourse().All(ctx)
	if err != nil {
		return nil, err
	}
	for _, se := range sessions {
		out[se.ID] = fmt.Sprintf("%s, %s", se.Edges.Course.Title, se.StartTime.UTC().Format("2006-01-02 15:04 UTC"))
	}
	regs, err := s.client.Registration.Query().Where(entreg.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range regs {
		out[r.ID] = r.Name
	}
	byLicence := map[uuid.UUID]string{}
	for _, l := range licences {
		out[l.ID] = fmt.Sprintf("%s: %s", l.Name, titles[l.CourseID])
		byLicence[l.ID] = out[l.ID]
	}
	notices, err := s.client.LicenceNotice.Query().Where(entnotice.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range notices {
		if name, ok := byLicence[n.LicenceID]; ok {
			out[n.ID] = name
		}
	}
	return out, nil
}
