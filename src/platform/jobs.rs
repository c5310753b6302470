//! Background jobs that must run once however many instances serve the site: each job has
//! one row in `job_runs`, and the instance whose guarded UPDATE moves its next run forward
//! is the one that runs it (the others find it not due).

use super::db::Db;

/// Whether this instance runs the job `name` at `t`: when it is due, its next run moves
/// `every` seconds on and this call answers true; a second instance at the same moment
/// finds it not due (PostgreSQL re-reads the row after the first UPDATE commits; SQLite
/// writes one at a time).
pub async fn claim(db: &Db, name: &str, t: i64, every: i64) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO job_runs (name, next_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(t)
    .execute(&db.pool)
    .await?;
    let moved = sqlx::query("UPDATE job_runs SET next_at = $1 WHERE name = $2 AND next_at <= $3")
        .bind(t + every)
        .bind(name)
        .bind(t)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(moved == 1)
}
