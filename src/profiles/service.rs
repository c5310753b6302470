//! What the editing server functions do: the editable card with the editor's draft, drafts
//! saved as they type, publishing against the version the edit started from (merging with
//! what others published meanwhile, a conflict where both changed a field), the history of
//! published versions with their differences, restoring, and removing pictures. Editors of
//! the community and coordinators only: every function starts from the [`EditorOf`] proof.

use super::form::{self, Fields, MAX_FIELDS};
use super::model::{CardHistory, Editable, FieldChange, Profile, RevisionEntry};
use super::store::{self, Edit};
use crate::error::{AppError, Problem};
use crate::identity::CommunityCode;
use crate::links::{self, Notice};
use crate::platform::guards::EditorOf;
use crate::platform::Ctx;

fn too_big(fields: &Fields) -> Result<(), AppError> {
    if fields.len() > MAX_FIELDS
        || fields
            .iter()
            .any(|(k, v)| k.len() > 64 || v.chars().count() > 10_000)
    {
        return Err(AppError::invalid(
            "form",
            Problem::TooLong { max: MAX_FIELDS },
        ));
    }
    Ok(())
}

async fn stored(ctx: &Ctx, code: &CommunityCode) -> Result<store::Stored, AppError> {
    store::load(ctx.db(), code)
        .await
        .map_err(AppError::internal)
}

/// The card's published fields and version, and the caller's draft.
pub async fn editable(ctx: &Ctx, slug: &str) -> Result<Editable, AppError> {
    let by = ctx.editor_of(slug).await?;
    let current = stored(ctx, by.community()).await?;
    let (name_uk, name_latin) = store::names(ctx.db(), by.community()).await?;
    let draft = store::draft(ctx.db(), &by)
        .await
        .map_err(AppError::internal)?;
    let published_by = store::published_by(ctx.db(), by.community(), current.version).await?;
    Ok(Editable {
        published_by: published_by.as_ref().and_then(|(name, _)| name.clone()),
        published_at: published_by.map(|(_, at)| at),
        slug: by.slug().clone(),
        name_uk,
        name_latin,
        version: current.version,
        published: form::to_fields(&current.profile),
        draft,
        logo: current.profile.logo.clone(),
        photos: current.profile.photos.clone(),
    })
}

async fn keep_draft(
    ctx: &Ctx,
    by: &EditorOf,
    base_version: i64,
    fields: &Fields,
) -> Result<(), AppError> {
    store::store_draft(ctx.db(), by, base_version, fields)
        .await
        .map_err(AppError::internal)
}

/// Keeps unpublished edits on the server (as the editor types, and by "Save draft").
pub async fn save_draft(
    ctx: &Ctx,
    slug: &str,
    base_version: i64,
    fields: &Fields,
    redirect: bool,
) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    too_big(fields)?;
    keep_draft(ctx, &by, base_version, fields).await?;
    if redirect {
        ctx.redirect(&Notice::DraftSaved.on(&links::editor(by.slug())));
    }
    Ok(())
}

/// Throws the draft away (the published card stays as it is).
pub async fn discard_draft(ctx: &Ctx, slug: &str) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    store::drop_draft(ctx.db(), &by)
        .await
        .map_err(AppError::internal)?;
    ctx.redirect(&links::editor(by.slug()));
    Ok(())
}

/// Publishes the edited card if nobody published since `base_version`, or merges with what
/// was published meanwhile. The edits are kept as a draft first, so a refusal (a field's
/// problem, or a conflict) loses nothing.
pub async fn publish(
    ctx: &Ctx,
    slug: &str,
    base_version: i64,
    fields: &Fields,
) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    too_big(fields)?;
    keep_draft(ctx, &by, base_version, fields).await?;
    // A publication between reading the card and writing it (two submissions of one form
    // at once) is merged like any other, once more.
    let mut attempts = 0;
    let (merged, unchanged) = loop {
        attempts += 1;
        let current = stored(ctx, by.community()).await?;
        let to_profile = |fields: &Fields| {
            form::from_fields(fields, &current.profile)
                .map_err(|(field, problem)| AppError::invalid(field, problem))
        };
        let profile = to_profile(fields)?;
        // Someone published meanwhile: their changes and these combine field by field; only
        // fields both changed are a conflict, which the editor resolves.
        let merged = current.version != base_version;
        let profile = if merged {
            // Without the version the edit started from (official data only, or cards older
            // than the history), every field both sides hold differently conflicts.
            let base = store::revision(ctx.db(), by.community(), base_version)
                .await
                .map_err(AppError::internal)?
                .map(|p| form::to_fields(&p))
                .unwrap_or_default();
            let (merged_fields, conflicts) =
                form::merge(&base, fields, &form::to_fields(&current.profile));
            if !conflicts.is_empty() {
                // The draft keeps this edit and takes the other's changes elsewhere, so the
                // editor is asked only about fields where the two differ.
                keep_draft(ctx, &by, base_version, &merged_fields).await?;
                return Err(AppError::Conflict {
                    current: current.version,
                });
            }
            to_profile(&merged_fields)?
        } else {
            profile
        };
        // The card already reads so (a repeated submission: a double click, a retry after a
        // lost answer; or a merge that adds nothing): no empty version, and no word of
        // another editor's changes that were in fact these.
        let unchanged = form::to_fields(&profile) == form::to_fields(&current.profile);
        if !unchanged {
            let written = store::publish_edit(
                ctx.db(),
                &by,
                &profile,
                &current.trust,
                current.version,
                Edit::from(&ctx.ip),
            )
            .await;
            match written {
                Err(AppError::Conflict { .. }) if attempts < 3 => continue,
                other => other?,
            };
        }
        break (merged, unchanged);
    };
    store::drop_draft(ctx.db(), &by)
        .await
        .map_err(AppError::internal)?;
    let notice = if merged && !unchanged {
        Notice::Merged
    } else {
        Notice::Published
    };
    ctx.redirect(&notice.on(&links::community(by.slug())));
    Ok(())
}

/// The card's published versions, newest first, with who made them and which fields changed.
pub async fn history(ctx: &Ctx, slug: &str) -> Result<CardHistory, AppError> {
    let by = ctx.editor_of(slug).await?;
    let (name_uk, name_latin) = store::names(ctx.db(), by.community()).await?;
    let rows = store::revisions(ctx.db(), by.community())
        .await
        .map_err(AppError::internal)?;
    // Each version against the one before it (the next row: newest first).
    let fields: Vec<(i64, Fields)> = rows
        .iter()
        .map(|r| (r.version, history_fields(&r.profile)))
        .collect();
    let nothing = Fields::default();
    let versions = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let before = match fields.get(i + 1) {
                Some((v, f)) if *v == row.version - 1 => f,
                _ => &nothing,
            };
            RevisionEntry {
                changed: form::changed(before, &fields[i].1),
                version: row.version,
                author: row.name.unwrap_or_default(),
                created_at: row.created_at,
                restored_from: row.restored_from,
            }
        })
        .collect();
    Ok(CardHistory {
        name_uk,
        name_latin,
        versions,
    })
}

async fn fields_at(ctx: &Ctx, code: &CommunityCode, version: i64) -> Result<Fields, AppError> {
    Ok(store::revision(ctx.db(), code, version)
        .await
        .map_err(AppError::internal)?
        .map(|p| history_fields(&p))
        .unwrap_or_default())
}

/// The history's name of the logo, beside the form's fields.
pub const PICTURE_LOGO: &str = "logo";
/// The history's name of the photos (one line per photo).
pub const PICTURE_PHOTOS: &str = "photos";

/// A card as the history compares its versions: the form's fields and its pictures (each by
/// its description and file), so uploads, removals and restores say what they changed.
pub fn history_fields(p: &Profile) -> Fields {
    let mut f = form::to_fields(p);
    let described = |i: &crate::profiles::model::Image| {
        let file = i.url.rsplit('/').next().unwrap_or(&i.url);
        match i
            .alt
            .get("uk")
            .map(|a| a.text.trim())
            .filter(|a| !a.is_empty())
        {
            Some(alt) => format!("{alt} ({file})"),
            None => file.to_string(),
        }
    };
    if let Some(logo) = &p.logo {
        f.insert(PICTURE_LOGO.into(), described(logo));
    }
    if !p.photos.is_empty() {
        let photos: Vec<String> = p.photos.iter().map(described).collect();
        f.insert(PICTURE_PHOTOS.into(), photos.join("\n"));
    }
    f
}

/// What one version changed, field by field.
pub async fn revision_changes(
    ctx: &Ctx,
    slug: &str,
    version: i64,
) -> Result<Vec<FieldChange>, AppError> {
    let by = ctx.editor_of(slug).await?;
    let code = by.community();
    if store::revision(ctx.db(), code, version)
        .await
        .map_err(AppError::internal)?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let after = fields_at(ctx, code, version).await?;
    let before = fields_at(ctx, code, version - 1).await?;
    Ok(changes(&before, &after))
}

/// Each field (and picture) that differs, with both values.
fn changes(before: &Fields, after: &Fields) -> Vec<FieldChange> {
    form::changed(before, after)
        .into_iter()
        .map(|field| FieldChange {
            before: before.get(&field).cloned().unwrap_or_default(),
            after: after.get(&field).cloned().unwrap_or_default(),
            field,
        })
        .collect()
}

/// What restoring `version` would change on the card as it is now: asked before a restore,
/// so nothing (a logo, photos) goes without the editor having seen it go.
pub async fn restore_preview(
    ctx: &Ctx,
    slug: &str,
    version: i64,
) -> Result<Vec<FieldChange>, AppError> {
    let by = ctx.editor_of(slug).await?;
    let old = store::revision(ctx.db(), by.community(), version)
        .await
        .map_err(AppError::internal)?
        .ok_or(AppError::NotFound)?;
    let current = stored(ctx, by.community()).await?;
    Ok(changes(
        &history_fields(&current.profile),
        &history_fields(&old),
    ))
}

/// Publishes an old version again, as a new version (history is never rewritten).
pub async fn restore(
    ctx: &Ctx,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    let old = store::revision(ctx.db(), by.community(), version)
        .await
        .map_err(AppError::internal)?
        .ok_or(AppError::NotFound)?;
    let current = stored(ctx, by.community()).await?;
    let edit = Edit {
        restored_from: Some(version),
        ..Edit::from(&ctx.ip)
    };
    store::publish_edit(ctx.db(), &by, &old, &current.trust, base_version, edit).await?;
    ctx.redirect(&Notice::Restored.on(&links::history(by.slug())));
    Ok(())
}

/// Takes a picture (logo or photo, by its address) off the card: a new published version.
pub async fn remove_image(ctx: &Ctx, slug: &str, url: &str) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    let current = stored(ctx, by.community()).await?;
    let mut profile = current.profile.clone();
    if profile.logo.as_ref().is_some_and(|l| l.url == url) {
        profile.logo = None;
    }
    profile.photos.retain(|p| p.url != url);
    if profile == current.profile {
        return Err(AppError::NotFound);
    }
    let edit = Edit {
        note: ": picture removed",
        ..Edit::from(&ctx.ip)
    };
    store::publish_edit(
        ctx.db(),
        &by,
        &profile,
        &current.trust,
        current.version,
        edit,
    )
    .await?;
    ctx.redirect(&Notice::PictureRemoved.on(&format!("{}#pictures", links::editor(by.slug()))));
    Ok(())
}
