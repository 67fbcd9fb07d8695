#!/usr/bin/env Rscript
# Reference weights of the weighting pipeline (issue 17, item 3), from R's
# survey package (Lumley):
#
#   Rscript test/analytics/reference/weights.R
#   npx prettier --write test/analytics/fixtures/expected-weights.json
#
# writes test/analytics/fixtures/weights-sample.csv (a drawn sample, made here
# with a fixed seed) and test/analytics/fixtures/expected-weights.json.
#
# The pipeline, step by step:
#   1. base weight = 1 / selection probability (a stratified draw by neighbourhood);
#   2. non-response adjustment within cells (the neighbourhood): each respondent's
#      base weight times (base-weighted eligible sample of the cell) /
#      (base-weighted respondents of the cell);
#   3. rake(svydesign(ids = ~1, weights = ~w), margins) to population shares times n,
#      so the weights come out with mean 1;
#   4. trimming: cap = a configured cap, or 5 x the median raked weight; while the
#      largest weight exceeds cap * (1 + 1e-3): trimWeights(design, upper = cap)
#      (strict = FALSE: what is cut off is shared equally by the untrimmed), then
#      rake again; at most 50 rounds.
# Raking runs to a relative epsilon of 1e-13 (R's default, 1 weighted respondent
# in 10 sweeps, is far coarser than the 1e-9 the engine is held to).
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)

set.seed(20261205, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
# The frame: three neighbourhoods, n1 drawn at 4x the rate of the others.
frame <- data.frame(neighbourhood = c("n1", "n2", "n3"), size = c(6000, 18000, 16000), prob = c(0.04, 0.01, 0.01))
sampled <- frame$size * frame$prob # 240, 180, 160 drawn
eligible <- round(sampled * c(0.95, 0.9, 0.92)) # drawn, less those found ineligible
respond <- c(0.7, 0.55, 0.45)
rows <- list()
for (k in 1:3) {
  m <- round(eligible[k] * respond[k])
  rows[[k]] <- data.frame(
    neighbourhood = frame$neighbourhood[k],
    base = 1 / frame$prob[k],
    # Young people answer least: the raked weights of the youngest are the largest.
    dem_age_band = as.character(sample(1:4, m, replace = TRUE, prob = c(0.1, 0.25, 0.31, 0.34))),
    dem_sex = as.character(sample(1:2, m, replace = TRUE, prob = c(0.58, 0.42))),
    dem_education = as.character(sample(1:3, m, replace = TRUE, prob = c(0.2, 0.45, 0.35))),
    stringsAsFactors = FALSE
  )
}
d <- do.call(rbind, rows)
d$id <- seq_len(nrow(d))
n <- nrow(d)
write.csv(d[, c("id", "neighbourhood", "base", "dem_age_band", "dem_sex", "dem_education")],
          here("..", "fixtures", "weights-sample.csv"), row.names = FALSE, quote = FALSE)

eligible_base <- setNames(eligible / frame$prob, frame$neighbourhood)
respondent_base <- tapply(d$base, d$neighbourhood, sum)
d$w_nr <- d$base * eligible_base[d$neighbourhood] / respondent_base[d$neighbourhood]

shares <- list(
  dem_sex = c("1" = 0.49, "2" = 0.51),
  dem_age_band = c("1" = 0.22, "2" = 0.27, "3" = 0.28, "4" = 0.23),
  dem_education = c("1" = 0.3, "2" = 0.4, "3" = 0.3),
  neighbourhood = c(n1 = 0.15, n2 = 0.45, n3 = 0.4)
)
sample_margins <- lapply(names(shares), function(v) as.formula(paste0("~", v)))
population_margins <- lapply(names(shares), function(v) {
  df <- data.frame(names(shares[[v]]), as.numeric(shares[[v]]) * n, stringsAsFactors = FALSE)
  names(df) <- c(v, "Freq")
  df
})
control <- list(maxit = 2000, epsilon = 1e-13)
rake_ <- function(design) suppressWarnings(rake(design, sample_margins, population_margins, control = control))

pipeline <- function(cap_config) {
  r <- rake_(svydesign(ids = ~1, weights = ~w_nr, data = d))
  raked <- weights(r)
  cap <- if (is.null(cap_config)) 5 * median(raked) else cap_config
  rounds <- 0
  while (max(weights(r)) > cap * (1 + 1e-3) && rounds < 50) {
    r <- rake_(trimWeights(r, upper = cap))
    rounds <- rounds + 1
  }
  w <- weights(r)
  list(cap = cap, rounds = rounds, raked = raked, weights = w)
}

num <- function(x) format(x, digits = 17)
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
kish <- function(w) sum(w)^2 / sum(w^2)
scenario <- function(name, cap_config) {
  p <- pipeline(cap_config)
  sprintf(
    '{"name": "%s", "cap": %s, "rounds": %d, "maxRaked": %s, "maxWeight": %s, "deff": %s, "effectiveN": %s, "weights": %s}',
    name, if (is.null(cap_config)) "null" else num(cap_config), as.integer(p$rounds), num(max(p$raked)),
    num(max(p$weights)), num(n / kish(p$weights)), num(kish(p$weights)), arr(p$weights))
}
untrimmed <- rake_(svydesign(ids = ~1, weights = ~w_nr, data = d))
json <- paste0(
  "{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n",
  "  \"n\": ", n, ",\n",
  "  \"eligible\": {", paste(sprintf('"%s": %s', names(eligible_base), num(eligible_base)), collapse = ", "), "},\n",
  "  \"margins\": {", paste(sprintf('"%s": {%s}', names(shares), sapply(shares, function(s)
    paste(sprintf('"%s": %s', names(s), num(s)), collapse = ", "))), collapse = ", "), "},\n",
  "  \"nonResponseWeights\": ", arr(d$w_nr), ",\n",
  "  \"raked\": ", arr(weights(untrimmed)), ",\n",
  "  \"scenarios\": [\n    ", scenario("five-times-median", NULL), ",\n    ", scenario("cap-3", 3), ",\n    ", scenario("cap-1.5", 1.5), "\n  ]\n}\n")
cat(json, file = here("..", "fixtures", "expected-weights.json"))
