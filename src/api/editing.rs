//! Editing a business card: the editable form with the editor's draft, drafts saved as they
//! type, publishing against the version the edit started from (a newer version is never
//! overwritten: the editor gets a conflict), the history of published versions with their
//! differences, and restoring any of them (itself a new version). Editors of the community
//! and coordinators only.

use crate::error::AppError;
use crate::model::account::{Editable, FieldChange, RevisionEntry};
use crate::model::profile_form::Fields;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{accounts::*, auth, profiles, state::app_state};

#[cfg(feature = "ssr")]
fn too_big(fields: &Fields) -> Result<(), AppError> {
    use crate::model::profile_form::MAX_FIELDS;
    if fields.len() > MAX_FIELDS
        || fields
            .iter()
            .any(|(k, v)| k.len() > 64 || v.chars().count() > 10_000)
    {
        return Err(AppError::invalid(
            "form",
            crate::error::Problem::TooLong { max: MAX_FIELDS },
        ));
    }
    Ok(())
}

#[cfg(feature = "ssr")]
async fn store_draft(
    state: &crate::server::AppState,
    user_id: &str,
    code: &str,
    base_version: i64,
    fields: &Fields,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO drafts (user_id, community_code, data, base_version, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, community_code) DO UPDATE SET data = excluded.data, base_version = excluded.base_version, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(code)
    .bind(serde_json::to_string(fields).map_err(AppError::internal)?)
    .bind(base_version)
    .bind(now())
    .execute(&state.db.pool)
    .await?;
    Ok(())
}

#[cfg(feature = "ssr")]
async fn drop_draft(
    state: &crate::server::AppState,
    user_id: &str,
    code: &str,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM drafts WHERE user_id = $1 AND community_code = $2")
        .bind(user_id)
        .bind(code)
        .execute(&state.db.pool)
        .await?;
    Ok(())
}

/// The card's published fields and version, and the caller's draft.
#[server(prefix = "/api", endpoint = "editable", output = crate::api::Answer)]
pub async fn get_editable(slug: String) -> Result<Editable, AppError> {
    auth::answer(async {
        let state = app_state()?;
        let (user, code) = auth::editor_of(&state, &slug).await?;
        let stored = profiles::load(&state.db, &code).await.map_err(AppError::internal)?;
        let (name_uk, name_latin): (String, String) = sqlx::query_as("SELECT name_uk, name_latin FROM communities WHERE code = $1")
            .bind(&code)
            .fetch_one(&state.db.pool)
            .await?;
        let draft: Option<(String, i64, i64)> = sqlx::query_as(
            "SELECT data, base_version, updated_at FROM drafts WHERE user_id = $1 AND community_code = $2",
        )
        .bind(&user.id)
        .bind(&code)
        .fetch_optional(&state.db.pool)
        .await?;
        let draft = draft
            .map(|(data, base_version, updated_at)| {
                serde_json::from_str(&data).map(|fields| crate::model::account::Draft { fields, base_version, updated_at })
            })
            .transpose()
            .map_err(AppError::internal)?;
        Ok(Editable {
            slug,
            name_uk,
            name_latin,
            version: stored.version,
            published: crate::model::profile_form::to_fields(&stored.profile),
            draft,
            logo: stored.profile.logo.clone(),
            photos: stored.profile.photos.clone(),
        })
    }
    .await)
}

/// Keeps unpublished edits on the server (called as the editor types, and by "Save draft").
#[server(prefix = "/api", endpoint = "save_draft", output = crate::api::Answer)]
pub async fn save_draft(
    slug: String,
    base_version: i64,
    #[server(default)] fields: Fields,
    #[server(default)] redirect: String,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let (user, code) = auth::editor_of(&state, &slug).await?;
            too_big(&fields)?;
            store_draft(&state, &user.id, &code, base_version, &fields).await?;
            if !redirect.is_empty() {
                auth::redirect_localized(&auth::parts()?, &format!("/c/{slug}/edit?done=draft"));
            }
            Ok(())
        }
        .await,
    )
}

/// Throws the draft away (the published card stays as it is).
#[server(prefix = "/api", endpoint = "discard_draft", output = crate::api::Answer)]
pub async fn discard_draft(slug: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let (user, code) = auth::editor_of(&state, &slug).await?;
            drop_draft(&state, &user.id, &code).await?;
            auth::redirect_localized(&auth::parts()?, &format!("/c/{slug}/edit"));
            Ok(())
        }
        .await,
    )
}

/// Publishes the edited card if nobody published since `base_version`. The edits are kept as a
/// draft first, so a refusal (a field's problem, or a conflict) loses nothing.
#[server(prefix = "/api", endpoint = "publish_profile", output = crate::api::Answer)]
pub async fn publish_profile(
    slug: String,
    base_version: i64,
    #[server(default)] fields: Fields,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let (user, code) = auth::editor_of(&state, &slug).await?;
            too_big(&fields)?;
            store_draft(&state, &user.id, &code, base_version, &fields).await?;
            let stored = profiles::load(&state.db, &code)
                .await
                .map_err(AppError::internal)?;
            let to_profile = |fields: &Fields| {
                crate::model::profile_form::from_fields(fields, &stored.profile)
                    .map_err(|(field, problem)| AppError::Invalid { field, problem })
            };
            let profile = to_profile(&fields)?;
            // Someone published meanwhile: their changes and these combine field by field;
            // only fields both changed are a conflict, which the editor resolves.
            let merged = stored.version != base_version;
            let profile = if merged {
                // Without the version the edit started from (official data only, or cards
                // older than the history), every field both sides hold differently conflicts.
                let base = profiles::revision(&state.db, &code, base_version)
                    .await
                    .map_err(AppError::internal)?
                    .map(|p| crate::model::profile_form::to_fields(&p))
                    .unwrap_or_default();
                let (merged_fields, conflicts) = crate::model::profile_form::merge(
                    &base,
                    &fields,
                    &crate::model::profile_form::to_fields(&stored.profile),
                );
                if !conflicts.is_empty() {
                    // The draft keeps this edit and takes the other's changes elsewhere, so
                    // the editor is asked only about fields where the two differ.
                    store_draft(&state, &user.id, &code, base_version, &merged_fields).await?;
                    return Err(AppError::Conflict {
                        current: stored.version,
                    });
                }
                to_profile(&merged_fields)?
            } else {
                profile
            };
            let ip = auth::client_ip(&parts, &state);
            let edit = profiles::Edit::by(&user.id, &ip);
            profiles::publish_edit(
                &state.db,
                &code,
                &profile,
                &stored.trust,
                stored.version,
                edit,
            )
            .await?;
            drop_draft(&state, &user.id, &code).await?;
            let done = if merged { "merged" } else { "published" };
            auth::redirect_localized(&parts, &format!("/c/{slug}?done={done}"));
            Ok(())
        }
        .await,
    )
}

/// The card's published versions, newest first, with who made them and which fields changed.
#[server(prefix = "/api", endpoint = "history", output = crate::api::Answer)]
pub async fn history(slug: String) -> Result<Vec<RevisionEntry>, AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let (_, code) = auth::editor_of(&state, &slug).await?;
            let rows = profiles::revisions(&state.db, &code)
                .await
                .map_err(AppError::internal)?;
            // Each version against the one before it (the next row: newest first).
            let fields: Vec<(i64, Fields)> = rows
                .iter()
                .map(|r| (r.version, crate::model::profile_form::to_fields(&r.profile)))
                .collect();
            let nothing = Fields::default();
            Ok(rows
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let before = match fields.get(i + 1) {
                        Some((v, f)) if *v == row.version - 1 => f,
                        _ => &nothing,
                    };
                    RevisionEntry {
                        changed: crate::model::profile_form::changed(before, &fields[i].1),
                        version: row.version,
                        author: row.name.unwrap_or_default(),
                        created_at: row.created_at,
                        restored_from: row.restored_from,
                    }
                })
                .collect())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn fields_at(
    state: &crate::server::AppState,
    code: &str,
    version: i64,
) -> Result<Fields, AppError> {
    Ok(profiles::revision(&state.db, code, version)
        .await
        .map_err(AppError::internal)?
        .map(|p| crate::model::profile_form::to_fields(&p))
        .unwrap_or_default())
}

#[cfg(feature = "ssr")]
async fn diff(
    state: &crate::server::AppState,
    code: &str,
    version: i64,
) -> Result<Vec<FieldChange>, AppError> {
    let after = fields_at(state, code, version).await?;
    let before = fields_at(state, code, version - 1).await?;
    Ok(crate::model::profile_form::changed(&before, &after)
        .into_iter()
        .map(|field| FieldChange {
            before: before.get(&field).cloned().unwrap_or_default(),
            after: after.get(&field).cloned().unwrap_or_default(),
            field,
        })
        .collect())
}

/// What one version changed, field by field.
#[server(prefix = "/api", endpoint = "revision_changes", output = crate::api::Answer)]
pub async fn revision_changes(slug: String, version: i64) -> Result<Vec<FieldChange>, AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let (_, code) = auth::editor_of(&state, &slug).await?;
            if profiles::revision(&state.db, &code, version)
                .await
                .map_err(AppError::internal)?
                .is_none()
            {
                return Err(AppError::NotFound);
            }
            diff(&state, &code, version).await
        }
        .await,
    )
}

/// Publishes an old version again, as a new version (history is never rewritten).
#[server(prefix = "/api", endpoint = "restore_revision", output = crate::api::Answer)]
pub async fn restore_revision(
    slug: String,
    version: i64,
    base_version: i64,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let (user, code) = auth::editor_of(&state, &slug).await?;
            let old = profiles::revision(&state.db, &code, version)
                .await
                .map_err(AppError::internal)?
                .ok_or(AppError::NotFound)?;
            let stored = profiles::load(&state.db, &code)
                .await
                .map_err(AppError::internal)?;
            let ip = auth::client_ip(&parts, &state);
            let edit = profiles::Edit {
                restored_from: Some(version),
                ..profiles::Edit::by(&user.id, &ip)
            };
            profiles::publish_edit(&state.db, &code, &old, &stored.trust, base_version, edit)
                .await?;
            auth::redirect_localized(&parts, &format!("/c/{slug}/history?done=restored"));
            Ok(())
        }
        .await,
    )
}

/// Takes a picture (logo or photo, by its address) off the card: a new published version.
#[server(prefix = "/api", endpoint = "remove_image", output = crate::api::Answer)]
pub async fn remove_image(slug: String, url: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let (user, code) = auth::editor_of(&state, &slug).await?;
            let stored = profiles::load(&state.db, &code)
                .await
                .map_err(AppError::internal)?;
            let mut profile = stored.profile.clone();
            if profile.logo.as_ref().is_some_and(|l| l.url == url) {
                profile.logo = None;
            }
            profile.photos.retain(|p| p.url != url);
            if profile == stored.profile {
                return Err(AppError::NotFound);
            }
            let ip = auth::client_ip(&parts, &state);
            let edit = profiles::Edit {
                note: ": picture removed",
                ..profiles::Edit::by(&user.id, &ip)
            };
            profiles::publish_edit(
                &state.db,
                &code,
                &profile,
                &stored.trust,
                stored.version,
                edit,
            )
            .await?;
            auth::redirect_localized(&parts, &format!("/c/{slug}/edit?done=removed#pictures"));
            Ok(())
        }
        .await,
    )
}
