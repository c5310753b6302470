//! The stages of a pair (a European municipality and a Ukrainian community on their way to a
//! partnership) and who may move a pair from one stage to another: the one place that says
//! so. Pages ask [`moves`] what to offer; the service asks [`check_move`] before it writes.

use serde::{Deserialize, Serialize};

/// Where a pair stands. The first eight are the road to a living partnership, in order;
/// the last three can be reached from any open stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Asked; nobody has looked yet.
    New,
    /// Coordinators are looking for the right partner, or the community was asked and has
    /// not answered.
    Matching,
    /// Both sides agreed to meet.
    Introduced,
    FirstMeeting,
    LetterOfIntent,
    FirstJointAction,
    AgreementSigned,
    Active,
    /// One side said no (with a reason).
    Declined,
    /// The requester took the request back.
    Withdrawn,
    /// Went quiet; can be revived.
    Dormant,
}

/// Who asks to move a pair. Anyone else (a visitor, a member, an editor of another
/// community) moves nothing and is not an actor at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The person who asked, through their private link.
    Requester,
    /// An editor of the pair's community.
    Editor,
    /// A coordinator or an admin.
    Coordinator,
}

/// Why a move is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The pair is already there.
    SameStage,
    /// Declined and withdrawn pairs are closed for good.
    Closed,
    /// This actor may not make this move.
    NotAllowed,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::New,
        Stage::Matching,
        Stage::Introduced,
        Stage::FirstMeeting,
        Stage::LetterOfIntent,
        Stage::FirstJointAction,
        Stage::AgreementSigned,
        Stage::Active,
        Stage::Declined,
        Stage::Withdrawn,
        Stage::Dormant,
    ];

    /// The stored form.
    pub fn key(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Matching => "matching",
            Stage::Introduced => "introduced",
            Stage::FirstMeeting => "first_meeting",
            Stage::LetterOfIntent => "letter_of_intent",
            Stage::FirstJointAction => "first_joint_action",
            Stage::AgreementSigned => "agreement_signed",
            Stage::Active => "active",
            Stage::Declined => "declined",
            Stage::Withdrawn => "withdrawn",
            Stage::Dormant => "dormant",
        }
    }

    pub fn parse(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Its place on the road (`None` for declined, withdrawn and dormant).
    pub fn step(self) -> Option<usize> {
        Stage::ALL[..8].iter().position(|s| *s == self)
    }

    /// Declined and withdrawn: nothing moves any more.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Declined | Stage::Withdrawn)
    }

    /// Still on its way (not closed, not dormant).
    pub fn is_open(self) -> bool {
        self.step().is_some()
    }
}

/// Whether `actor` may move a pair from `from` to `to`:
/// - the requester may withdraw at any open or dormant stage, and do nothing else;
/// - a community's editors answer a request addressed to them or an introduction (new or
///   matching → introduced, or declined with a reason) and record the steps they take together (introduced → first meeting →
///   letter of intent → first joint action, one at a time); they may also decline later;
/// - coordinators move a pair forward (skipping stages reached outside the platform), one
///   step back to correct a mistake, to declined or dormant from any open stage, and
///   revive a dormant pair to any stage of the road; only they record a signed agreement
///   (it becomes a partnership of the registry) and an active partnership.
pub fn check_move(from: Stage, to: Stage, actor: Actor) -> Result<(), Refused> {
    if from == to {
        return Err(Refused::SameStage);
    }
    if from.is_closed() {
        return Err(Refused::Closed);
    }
    let allowed = match actor {
        Actor::Requester => to == Stage::Withdrawn,
        Actor::Editor => match (from.step(), to) {
            (Some(_), Stage::Declined) => true,
            // Accepting a request made to them directly skips the coordinators' matching.
            (Some(0), Stage::Introduced) => true,
            (Some(f), _) => {
                to.step() == Some(f + 1)
                    && (Stage::Matching.step()..=Stage::LetterOfIntent.step()).contains(&Some(f))
            }
            (None, _) => false,
        },
        Actor::Coordinator => match (from.step(), to.step()) {
            // Forward, or one step back.
            (Some(f), Some(t)) => t > f || t + 1 == f,
            (Some(_), None) => matches!(to, Stage::Declined | Stage::Dormant),
            // Dormant: revived to a stage of the road, or declined for good.
            (None, Some(t)) => t > 0,
            (None, None) => to == Stage::Declined,
        },
    };
    if allowed {
        Ok(())
    } else {
        Err(Refused::NotAllowed)
    }
}

/// The stages `actor` may move a pair at `from` to, in the road's order.
pub fn moves(from: Stage, actor: Actor) -> Vec<Stage> {
    Stage::ALL
        .into_iter()
        .filter(|&to| check_move(from, to, actor).is_ok())
        .collect()
}

/// Whether a move needs a note saying why: declining, and going back.
pub fn needs_note(from: Stage, to: Stage) -> bool {
    to == Stage::Declined || matches!((from.step(), to.step()), (Some(f), Some(t)) if t < f)
}

#[cfg(test)]
mod tests {
    use super::Actor::*;
    use super::Stage::*;
    use super::*;

    #[test]
    fn keys_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.key()), Some(s));
        }
        assert_eq!(Stage::parse("signed"), None);
    }

    #[test]
    fn the_requester_can_only_withdraw() {
        for from in Stage::ALL {
            let expected: Vec<Stage> = if from.is_closed() {
                vec![]
            } else {
                vec![Withdrawn]
            };
            assert_eq!(moves(from, Requester), expected, "from {from:?}");
        }
    }

    #[test]
    fn editors_answer_and_record_their_steps() {
        assert_eq!(moves(New, Editor), vec![Introduced, Declined]);
        assert_eq!(moves(Matching, Editor), vec![Introduced, Declined]);
        assert_eq!(moves(Introduced, Editor), vec![FirstMeeting, Declined]);
        assert_eq!(
            moves(LetterOfIntent, Editor),
            vec![FirstJointAction, Declined]
        );
        // The agreement is the coordinators' to record.
        assert_eq!(moves(FirstJointAction, Editor), vec![Declined]);
        assert_eq!(moves(Dormant, Editor), vec![]);
        assert_eq!(
            check_move(Matching, FirstMeeting, Editor),
            Err(Refused::NotAllowed),
            "no skipping"
        );
        assert_eq!(
            check_move(New, Matching, Editor),
            Err(Refused::NotAllowed),
            "matching is the coordinators' work"
        );
        assert_eq!(
            check_move(FirstMeeting, Introduced, Editor),
            Err(Refused::NotAllowed),
            "no going back"
        );
        assert_eq!(
            check_move(Matching, Withdrawn, Editor),
            Err(Refused::NotAllowed)
        );
    }

    #[test]
    fn coordinators_move_forward_correct_one_step_and_revive() {
        assert_eq!(check_move(New, AgreementSigned, Coordinator), Ok(()));
        assert_eq!(
            check_move(LetterOfIntent, FirstMeeting, Coordinator),
            Ok(())
        );
        assert_eq!(
            check_move(LetterOfIntent, Introduced, Coordinator),
            Err(Refused::NotAllowed),
            "back by one step only"
        );
        assert_eq!(check_move(Active, Dormant, Coordinator), Ok(()));
        assert_eq!(check_move(Dormant, FirstMeeting, Coordinator), Ok(()));
        assert_eq!(
            check_move(Dormant, New, Coordinator),
            Err(Refused::NotAllowed),
            "a revived pair is not new"
        );
        assert_eq!(check_move(Dormant, Declined, Coordinator), Ok(()));
        assert_eq!(
            check_move(Active, Withdrawn, Coordinator),
            Err(Refused::NotAllowed),
            "only the requester withdraws"
        );
    }

    #[test]
    fn closed_pairs_stay_closed_and_nothing_moves_in_place() {
        for actor in [Requester, Editor, Coordinator] {
            for to in Stage::ALL {
                for from in [Declined, Withdrawn] {
                    let expected = if from == to {
                        Refused::SameStage
                    } else {
                        Refused::Closed
                    };
                    assert_eq!(check_move(from, to, actor), Err(expected));
                }
            }
            assert_eq!(check_move(Active, Active, actor), Err(Refused::SameStage));
        }
    }

    #[test]
    fn the_whole_matrix_is_what_the_rules_say() {
        // Counted by hand from the rules above: a change to them must change this table.
        let count = |actor| {
            Stage::ALL
                .into_iter()
                .map(|from| moves(from, actor).len())
                .sum::<usize>()
        };
        assert_eq!(count(Requester), 9);
        // Accepting (from new or matching), three steps together, declining from the road.
        assert_eq!(count(Editor), 2 + 3 + 8);
        // Forward: 7+6+5+4+3+2+1 = 28; back one: 7; declined/dormant from the road: 16
        // (active → dormant included); dormant: 7 revivals + declined.
        assert_eq!(count(Coordinator), 28 + 7 + 16 + 8);
    }

    #[test]
    fn notes_are_needed_for_no_and_for_going_back() {
        assert!(needs_note(Matching, Declined));
        assert!(needs_note(LetterOfIntent, FirstMeeting));
        assert!(!needs_note(FirstMeeting, LetterOfIntent));
        assert!(!needs_note(Active, Dormant));
    }
}
