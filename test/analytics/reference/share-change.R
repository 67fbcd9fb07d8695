#!/usr/bin/env Rscript
# Reference tests of a share (issue 17, item 4: frequency constructs compared as
# shares, never as means of their codes), from R's survey package:
#
#   Rscript test/analytics/reference/share-change.R
#   npx prettier --write test/analytics/fixtures/expected-share-change.json
#
# writes test/analytics/fixtures/share-change-sample.csv (two independent waves
# of weighted answers to a volunteer5 item, codes 1-5, made here with a fixed
# seed) and test/analytics/fixtures/expected-share-change.json:
# - per wave, the share z = (code >= 2, "any volunteering") and its SE from
#   svymean(~z, svydesign(ids = ~1, weights = ~weight));
# - the change later - earlier, SE = sqrt(SE1^2 + SE2^2), Welch-Satterthwaite df
#   (SE1^2 + SE2^2)^2 / (SE1^4/(n1 - 1) + SE2^4/(n2 - 1)), t and the two-sided p
#   from pt; and Cohen's h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1));
# - the DiD of a share on fixtures/did-responses.csv: z = (score_safety >= 4),
#   the treated:later coefficient of svyglm(z ~ treated * later,
#   svydesign(ids = ~authority, weights = ~weight)), its SE, df.residual and p.
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
num <- function(x) sprintf("%.17g", x)

set.seed(20261206, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
wave <- function(name, n, prob) data.frame(
  wave = name,
  code = sample(1:5, n, replace = TRUE, prob = prob),
  weight = round(exp(rnorm(n, 0, 0.4)), 4)
)
d <- rbind(wave("baseline", 140, c(0.72, 0.14, 0.07, 0.05, 0.02)),
           wave("follow-up", 120, c(0.58, 0.2, 0.11, 0.08, 0.03)))
write.csv(d, here("..", "fixtures", "share-change-sample.csv"), row.names = FALSE, quote = FALSE)
d$z <- as.numeric(d$code >= 2)

per <- lapply(c("baseline", "follow-up"), function(w) {
  s <- d[d$wave == w, ]
  m <- svymean(~z, svydesign(ids = ~1, weights = ~weight, data = s))
  list(n = nrow(s), share = unname(coef(m)), se = unname(SE(m)))
})
v1 <- per[[1]]$se^2; v2 <- per[[2]]$se^2
diff <- per[[2]]$share - per[[1]]$share
se <- sqrt(v1 + v2)
df <- (v1 + v2)^2 / (v1^2 / (per[[1]]$n - 1) + v2^2 / (per[[2]]$n - 1))
t <- diff / se
p <- 2 * pt(-abs(t), df)
h <- 2 * asin(sqrt(per[[2]]$share)) - 2 * asin(sqrt(per[[1]]$share))

r <- read.csv(here("..", "fixtures", "did-responses.csv"), stringsAsFactors = FALSE)
g <- read.csv(here("..", "fixtures", "did-comparison.csv"), stringsAsFactors = FALSE)
r$treated <- as.integer(g$group[match(r$authority, g$authority)] == "treated")
r <- r[r$wave %in% c("w2022-baseline", "w2025-followup") & !is.na(r$score_safety), ]
r$later <- as.integer(r$wave == "w2025-followup")
r$z <- as.numeric(r$score_safety >= 4)
fit <- svyglm(z ~ treated * later, design = svydesign(ids = ~authority, weights = ~weight, data = r))
s <- summary(fit)$coefficients["treated:later", ]

wave_json <- function(x) sprintf('{"n": %d, "share": %s, "se": %s}', x$n, num(x$share), num(x$se))
cat(sprintf(paste0(
  '{\n  "R": "%s",\n  "survey": "%s",\n  "waves": [%s, %s],\n',
  '  "change": {"diff": %s, "se": %s, "df": %s, "t": %s, "p": %s, "h": %s},\n',
  '  "did": {"construct": "safety", "threshold": 4, "from_wave": "w2022-baseline", "to_wave": "w2025-followup", ',
  '"estimate": %s, "se": %s, "df": %d, "t": %s, "p": %s}\n}\n'),
  R.version.string, as.character(packageVersion("survey")), wave_json(per[[1]]), wave_json(per[[2]]),
  num(diff), num(se), num(df), num(t), num(p), num(h),
  num(s[["Estimate"]]), num(s[["Std. Error"]]), as.integer(fit$df.residual), num(s[["t value"]]), num(s[["Pr(>|t|)"]])),
  file = here("..", "fixtures", "expected-share-change.json"))
