/**
 * One account per role the access matrix checks, with live sessions, and
 * the records the routes need (a verified and an unverified organisation,
 * an invitation).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/index.ts';
import { caseTeam, caseWorkers, consents, invitations, locations, people, memberships, organisations, referrals, serviceAtLocations, services, users } from '../../src/lib/server/db/schema/index.ts';
import { guardians, guardianships, guardianVetting } from '../../src/lib/server/db/schema/index.ts';
import { volunteerOpportunities, volunteerShifts } from '../../src/lib/server/db/schema/index.ts';
import { panelDrafts, panelImages, panelMembers, panelQuestions, panels } from '../../src/lib/server/db/schema/index.ts';
import { assemblies, assemblyMeetings, assemblyMembers } from '../../src/lib/server/db/schema/index.ts';
import { activities, buddyProgrammes, neighbourhoods, surveyChoices, surveyQuestions, surveys } from '../../src/lib/server/db/schema/index.ts';
import { callJurors, calls, ideas, pilots } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole, PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import { createSession, newToken } from '../../src/lib/server/auth/session.ts';
import { storeDocument } from '../../src/lib/server/support/documents.ts';
import { pdf, png } from '../fixtures/documents-files.ts';

/** The sealed document in the fixture folder (documents track). */
export const FIXTURE_DOCUMENT_ID = 'd0c5d0c5-0000-4000-8000-000000000001';

export const roles = [
	'anonymous',
	'newcomer',
	'resident',
	'owner',
	'coordinator',
	'case_worker',
	'volunteer_coordinator',
	'member',
	'other_org_owner',
	'admin',
	'integration_officer',
	'evaluator',
	/** The guardianship monitoring office (issue 4): sees guardianship facts, never folders. */
	'guardianship_office',
	/** Sensitive roles whose session has not passed the second factor. */
	'owner_without_second_factor',
	'admin_without_second_factor'
] as const;
export type Role = (typeof roles)[number];

export interface Fixtures {
	org: { id: string; slug: string };
	unverifiedOrg: { id: string; slug: string };
	invitationToken: string;
	/** Directory records: a service and a location of `org` (workspace track), a service of another organisation, and one of the unverified organisation (portal track). */
	service: { id: string };
	location: { id: string };
	otherService: { id: string };
	unverifiedService: { id: string };
	/** Support folders: one of `org` (its case worker leads it), one of the other organisation. */
	folder: { id: string };
	otherFolder: { id: string };
	/** Referrals: one from the other organisation's folder to `org`'s service, under a share consent naming `org`. */
	referral: { id: string };
	/** Guardianship: the `resident` is an active volunteer guardian of one unaccompanied child. */
	guardian: { id: string; guardianshipId: string; childId: string };
	/** Volunteering workspace: an open opportunity of `org` with one shift next week. */
	volunteering: { opportunityId: string; shiftId: string };
	/** Volunteering: an open opportunity of `org` and a draft one. */
	opportunity: { id: string };
	draftOpportunity: { id: string };
	/** Buddy programmes: an open programme of `org`. */
	buddyProgramme: { id: string };
	/** Neighbourhood activities: a published activity of `org` next week, in a neighbourhood of its own. */
	activity: { id: string; neighbourhoodSlug: string };
	/** Validation panels: a panel the `resident` accepted to take part in, with a shared draft (one picture question) and a picture. */
	panel: { id: string; draftId: string; imageId: string };
	/** Assemblies: one chaired by the `resident` (the `newcomer` a member), with a meeting next week and one held; another assembly's meeting. */
	assembly: { id: string; meetingId: string; pastMeetingId: string; otherMeetingId: string };
	/** Surveys: an open anonymous survey with one question, and a draft. */
	survey: { id: string };
	draftSurvey: { id: string };
	/** Co-creation: a call open for ideas (the integration officer is its only juror), one idea of the resident's, and a pilot of it. */
	cocreation: { callId: string; ideaId: string; pilotId: string };
	/** Session cookie per role (none for anonymous). */
	tokens: Partial<Record<Role, string>>;
	userIds: Partial<Record<Role, string>>;
}

const memberRoleOf: Partial<Record<Role, MemberRole>> = {
	owner: 'owner',
	owner_without_second_factor: 'owner',
	coordinator: 'coordinator',
	case_worker: 'case_worker',
	volunteer_coordinator: 'volunteer_coordinator',
	member: 'member'
};
const platformRoleOf: Partial<Record<Role, PlatformRole>> = {
	admin: 'admin',
	admin_without_second_factor: 'admin',
	integration_officer: 'integration_officer',
	evaluator: 'evaluator',
	guardianship_office: 'guardianship_office'
};

// A placeholder hash: nobody signs in with a password here, sessions are made directly.
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm9wYXNzd29yZA$bm9wYXNzd29yZG5vcGFzc3dvcmQ';

export async function createFixtures(db: Db): Promise<Fixtures> {
	const [org, unverifiedOrg, otherOrg] = await db
		.insert(organisations)
		.values([
			{ slug: 'matrix-verified', name: 'Matrix Verified NGO', type: 'ngo', verification: 'verified' },
			{ slug: 'matrix-unverified', name: 'Matrix Unverified Group', type: 'informal_group' },
			{ slug: 'matrix-other', name: 'Matrix Other Association', type: 'migrant_association', verification: 'verified' }
		])
		.returning({ id: organisations.id, slug: organisations.slug });

	const tokens: Fixtures['tokens'] = {};
	const userIds: Fixtures['userIds'] = {};
	for (const role of roles) {
		if (role === 'anonymous') continue;
		const [u] = await db
			.insert(users)
			.values({
				displayName: `Matrix ${role}`,
				email: `${role}@matrix.example`,
				emailVerifiedAt: new Date(),
				passwordHash: NO_PASSWORD,
				kind: role === 'newcomer' ? 'newcomer' : 'resident',
				platformRole: platformRoleOf[role] ?? null,
				totpEnabledAt: new Date()
			})
			.returning({ id: users.id });
		userIds[role] = u.id;
		const memberRole = memberRoleOf[role];
		if (memberRole) {
			await db.insert(memberships).values([
				{ organisationId: org.id, userId: u.id, role: memberRole },
				{ organisationId: unverifiedOrg.id, userId: u.id, role: memberRole }
			]);
		}
		if (role === 'other_org_owner') {
			await db.insert(memberships).values({ organisationId: otherOrg.id, userId: u.id, role: 'owner' });
		}
		const { token } = await createSession(db, u.id, { secondFactor: !role.endsWith('_without_second_factor') });
		tokens[role] = token;
	}

	const invitationToken = newToken();
	await db.insert(invitations).values({
		organisationId: org.id,
		email: 'invitee@matrix.example',
		role: 'member',
		tokenHash: createHash('sha256').update(invitationToken).digest('hex'),
		invitedBy: userIds.owner,
		expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000)
	});

	const [location] = await db
		.insert(locations)
		.values({ organisationId: org.id, name: { en: 'Matrix centre' }, address1: 'Via Matrice 1', city: 'Portavera' })
		.returning({ id: locations.id });
	const [service, otherService, unverifiedService] = await db
		.insert(services)
		.values([
			{ organisationId: org.id, name: { en: 'Matrix food bank' }, needs: ['basic-needs'] },
			{ organisationId: otherOrg.id, name: { en: 'Other association advice' }, needs: ['legal'] },
			{ organisationId: unverifiedOrg.id, name: { en: 'Matrix unverified help desk' }, needs: ['legal'] }
		])
		.returning({ id: services.id });
	await db.insert(serviceAtLocations).values({ serviceId: service.id, locationId: location.id });

	const folders = await db
		.insert(people)
		.values([
			{ preferredName: 'Matrix person', createdByOrganisationId: org.id },
			{ preferredName: 'Other person', createdByOrganisationId: otherOrg.id }
		])
		.returning({ id: people.id });
	const [folder, otherFolder] = folders;
	for (const [f, o, lead] of [
		[folder, org.id, userIds.case_worker!],
		[otherFolder, otherOrg.id, userIds.other_org_owner!]
	] as const) {
		await db.insert(consents).values({ personId: f.id, purpose: 'coordination', method: 'written', recordedBy: lead, recordedByOrganisationId: o });
		await db.insert(caseTeam).values({ personId: f.id, organisationId: o, addedBy: lead });
		await db.insert(caseWorkers).values({ personId: f.id, userId: lead, organisationId: o, lead: true, addedBy: lead });
	}

	// Documents track: one sealed PDF in the fixture folder, at a known id.
	await storeDocument(db, { id: FIXTURE_DOCUMENT_ID, personId: folder.id, name: 'matrix.pdf', mediaType: 'application/pdf', bytes: pdf('Matrix'), uploadedBy: userIds.case_worker!, organisationId: org.id });

	// Referrals: `org` receives a referral from the other organisation's folder; `org`'s workers see it, never the folder.
	const [share] = await db
		.insert(consents)
		.values({ personId: otherFolder.id, purpose: 'share', organisationId: org.id, method: 'written', recordedBy: userIds.other_org_owner, recordedByOrganisationId: otherOrg.id })
		.returning({ id: consents.id });
	const [referral] = await db
		.insert(referrals)
		.values({
			personId: otherFolder.id,
			fromOrganisationId: otherOrg.id,
			fromUserId: userIds.other_org_owner,
			serviceId: service.id,
			serviceName: 'Matrix food bank',
			toOrganisationId: org.id,
			consentId: share.id,
			respondBy: new Date(Date.now() + 3 * 86400_000)
		})
		.returning({ id: referrals.id });

	// Guardianship: the resident guards one child (vetted, certificate valid for a year).
	const [guardianRow] = await db.insert(guardians).values({ userId: userIds.resident!, status: 'active' }).returning({ id: guardians.id });
	const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
	await db.insert(guardianVetting).values([
		{ guardianId: guardianRow.id, step: 'identity', verifiedBy: userIds.guardianship_office },
		{ guardianId: guardianRow.id, step: 'criminal_record', verifiedBy: userIds.guardianship_office, expiresOn: inAYear },
		{ guardianId: guardianRow.id, step: 'training', verifiedBy: userIds.guardianship_office }
	]);
	const tenYearsAgo = `${new Date().getUTCFullYear() - 10}-06-15`;
	const [ward] = await db.insert(people).values({ preferredName: 'Matrix ward', birthDate: tenYearsAgo, unaccompanied: true }).returning({ id: people.id });
	const [ship] = await db.insert(guardianships).values({ guardianId: guardianRow.id, childId: ward.id, slot: 1, assignedBy: userIds.guardianship_office }).returning({ id: guardianships.id });
	const guardian = { id: guardianRow.id, guardianshipId: ship.id, childId: ward.id };

	// Volunteering workspace: one open opportunity of `org` with a shift next week.
	const [opportunity] = await db
		.insert(volunteerOpportunities)
		.values({ organisationId: org.id, title: 'Matrix homework club', description: 'Homework help.', kind: 'recurring', mode: 'remote', status: 'open' })
		.returning({ id: volunteerOpportunities.id });
	const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
	const [shift] = await db
		.insert(volunteerShifts)
		.values({ opportunityId: opportunity.id, startsAt: nextWeek, endsAt: new Date(nextWeek.getTime() + 3 * 3600 * 1000), capacity: 3 })
		.returning({ id: volunteerShifts.id });
	const volunteering = { opportunityId: opportunity.id, shiftId: shift.id };

	// The volunteer portal: an open opportunity of `org` and a draft one.
	const [publicOpportunity] = await db.insert(volunteerOpportunities).values({ organisationId: org.id, title: 'Matrix opportunity', kind: 'ongoing' }).returning({ id: volunteerOpportunities.id });
	const [draftOpportunity] = await db.insert(volunteerOpportunities).values({ organisationId: org.id, title: 'Matrix draft', kind: 'ongoing', status: 'draft' }).returning({ id: volunteerOpportunities.id });

	// Buddy programmes: an open programme of `org`.
	const [buddyProgramme] = await db.insert(buddyProgrammes).values({ organisationId: org.id, kind: 'buddy', name: 'Matrix buddies' }).returning({ id: buddyProgrammes.id });

	// Neighbourhood activities: a published activity of `org` next week.
	const [matrixNb] = await db.insert(neighbourhoods).values({ slug: 'matrix-activities', name: 'Matrix activities' }).returning({ id: neighbourhoods.id });
	const [act] = await db
		.insert(activities)
		.values({ organisationId: org.id, neighbourhoodId: matrixNb.id, title: 'Matrix cooking', startsAt: nextWeek, endsAt: new Date(nextWeek.getTime() + 2 * 3600 * 1000), placeName: 'Matrix hall', capacity: 10 })
		.returning({ id: activities.id });
	const activity = { id: act.id, neighbourhoodSlug: 'matrix-activities' };

	// Assemblies: the resident chairs one (the newcomer is a member); a meeting next week, one held; another assembly's meeting.
	const [asm, otherAsm] = await db
		.insert(assemblies)
		.values([
			{ kind: 'neighbourhood', neighbourhoodId: matrixNb.id, name: 'Matrix assembly', chairId: userIds.resident },
			{ kind: 'thematic', theme: 'Housing', name: 'Other matrix assembly', joinRule: 'request' }
		])
		.returning({ id: assemblies.id });
	await db.insert(assemblyMembers).values([
		{ assemblyId: asm.id, userId: userIds.resident!, status: 'active', joinedAt: new Date() },
		{ assemblyId: asm.id, userId: userIds.newcomer!, status: 'active', joinedAt: new Date() }
	]);
	const lastWeek = new Date(Date.now() - 7 * 24 * 3600 * 1000);
	const [mtNext, mtPast, mtOther] = await db
		.insert(assemblyMeetings)
		.values([
			{ assemblyId: asm.id, startsAt: nextWeek, endsAt: new Date(nextWeek.getTime() + 2 * 3600 * 1000), placeName: 'Matrix hall', agenda: [{ title: 'Matrix item', description: '' }] },
			{ assemblyId: asm.id, startsAt: lastWeek, endsAt: new Date(lastWeek.getTime() + 2 * 3600 * 1000), placeName: 'Matrix hall', status: 'held' },
			{ assemblyId: otherAsm.id, startsAt: nextWeek, endsAt: new Date(nextWeek.getTime() + 2 * 3600 * 1000), onlineUrl: 'https://meet.example.org/matrix' }
		])
		.returning({ id: assemblyMeetings.id });
	const assembly = { id: asm.id, meetingId: mtNext.id, pastMeetingId: mtPast.id, otherMeetingId: mtOther.id };

	// Surveys: an open anonymous survey with one question, and a draft.
	const [survey] = await db
		.insert(surveys)
		.values({ title: { en: 'Matrix survey' }, status: 'published', opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000) })
		.returning({ id: surveys.id });
	const [surveyQuestion] = await db.insert(surveyQuestions).values({ surveyId: survey.id, position: 1, kind: 'single', prompt: { en: 'Matrix question?' } }).returning({ id: surveyQuestions.id });
	await db.insert(surveyChoices).values([
		{ questionId: surveyQuestion.id, position: 1, label: { en: 'Yes' }, icon: 'yes' },
		{ questionId: surveyQuestion.id, position: 2, label: { en: 'No' }, icon: 'no' }
	]);
	const [draftSurvey] = await db.insert(surveys).values({ title: { en: 'Matrix draft survey' }, opensAt: new Date(), closesAt: new Date(Date.now() + 86_400_000) }).returning({ id: surveys.id });

	// Co-creation: a call open for ideas, with the integration officer on its jury, an idea and a pilot.
	const day = 24 * 3600 * 1000;
	const [call] = await db
		.insert(calls)
		.values({ title: 'Matrix call', question: 'How?', opensAt: new Date(Date.now() - day), reviewAt: new Date(Date.now() + 10 * day), selectionAt: new Date(Date.now() + 20 * day), resultsAt: new Date(Date.now() + 30 * day), followUpAt: new Date(Date.now() + 40 * day), publishedAt: new Date() })
		.returning({ id: calls.id });
	await db.insert(callJurors).values({ callId: call.id, userId: userIds.integration_officer! });
	const [idea] = await db.insert(ideas).values({ callId: call.id, title: 'Matrix idea', description: 'An idea.', language: 'en', authorId: userIds.resident! }).returning({ id: ideas.id });
	const [pilot] = await db.insert(pilots).values({ ideaId: idea.id, title: 'Matrix pilot' }).returning({ id: pilots.id });
	const cocreation = { callId: call.id, ideaId: idea.id, pilotId: pilot.id };

	// Validation panels: the resident takes part in a panel with a shared draft.
	const [matrixPanel] = await db.insert(panels).values({ name: 'Matrix panel', languages: ['en', 'ar'], targets: [{ dimension: 'language', value: 'ar', min: 1 }] }).returning({ id: panels.id });
	await db.insert(panelMembers).values({ panelId: matrixPanel.id, userId: userIds.resident!, status: 'accepted', respondedAt: new Date() });
	const [matrixDraft] = await db.insert(panelDrafts).values({ panelId: matrixPanel.id, title: 'Matrix leaflet', status: 'open', sharedAt: new Date() }).returning({ id: panelDrafts.id });
	const picture = png(8, 8);
	const [matrixImage] = await db.insert(panelImages).values({ panelId: matrixPanel.id, draftId: matrixDraft.id, mediaType: 'image/png', size: picture.length, width: 8, height: 8, bytes: picture }).returning({ id: panelImages.id });
	await db.insert(panelQuestions).values({ draftId: matrixDraft.id, position: 1, kind: 'choice', text: { en: 'Clear?', ar: 'واضح؟' }, choices: [{ key: 'c1', pictogram: 'yes', imageId: null, label: { en: 'Yes', ar: 'نعم' } }, { key: 'c2', pictogram: 'no', imageId: null, label: { en: 'No', ar: 'لا' } }] });
	const panel = { id: matrixPanel.id, draftId: matrixDraft.id, imageId: matrixImage.id };

	return { survey, draftSurvey, org, unverifiedOrg, invitationToken, service, location, otherService, unverifiedService, folder, otherFolder, referral, guardian, volunteering, opportunity: publicOpportunity, draftOpportunity, buddyProgramme, activity, assembly, cocreation, panel, tokens, userIds };
}
