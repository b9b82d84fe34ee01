/* test_quotes.c - who said what: each kind of quote, each way a speaker
 * is found, each claim pattern family, and the cases that must not be
 * reported. */
#include "presscut.h"
#include "harness.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static pc_ctx *ctx;

static pc_doc *attr(const char *body) {
  char buf[4096];
  snprintf(buf, sizeof buf, "Title\n\n%s\n", body);
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.kind = PC_INPUT_TEXT;
  pc_doc *doc = NULL;
  pc_error err;
  if (pc_extract(ctx, buf, strlen(buf), &o, &doc, &err) != PC_OK)
    return NULL;
  if (pc_attribute(ctx, doc, "2024-04-10", &err) != PC_OK) {
    pc_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* The quote whose text starts with `prefix`, or NULL. */
static const pc_quote *find(const pc_doc *doc, const char *prefix) {
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++)
    if (strncmp(pc_doc_quote(doc, i)->text, prefix, strlen(prefix)) == 0)
      return pc_doc_quote(doc, i);
  return NULL;
}

static void test_direct(void) {
  pc_doc *d = attr("Jane Roe, the mayor, spoke on Monday. “We will rebuild "
                   "the bridge this year,” Roe said.");
  const pc_quote *q = d ? find(d, "We will rebuild") : NULL;
  CHECK(q && q->kind == PC_QUOTE_DIRECT);
  CHECK_STR(q ? q->speaker : NULL, "Jane Roe");
  CHECK_STR(q ? q->cue : NULL, "said");
  CHECK(d && pc_doc_quote_count(d) == 1);
  pc_doc_free(d);
  /* every style of quotation mark */
  d = attr("Hans Meyer said: „Wir bauen die Brücke neu.“ Pierre Dupont "
           "said: «Nous reconstruirons le pont.» Ann Lee said: \"We rebuild "
           "it.\"");
  CHECK(d && find(d, "Wir bauen") && find(d, "Nous reconstruirons") &&
        find(d, "We rebuild it"));
  pc_doc_free(d);
}

static void test_mixed_indirect(void) {
  pc_doc *d = attr("John Smith, the minister, said that the plan was "
                   "“missing the bigger issue” and that prices would rise.");
  const pc_quote *q = d ? find(d, "the plan was") : NULL;
  CHECK(q && q->kind == PC_QUOTE_MIXED);
  CHECK_STR(q ? q->speaker : NULL, "John Smith");
  CHECK_STR(q ? q->role : NULL, "minister");
  pc_doc_free(d);
  d = attr("Mary Jones told reporters that the talks had failed.");
  q = d ? find(d, "the talks had failed") : NULL;
  CHECK(q && q->kind == PC_QUOTE_INDIRECT);
  CHECK_STR(q ? q->cue : NULL, "told reporters");
  pc_doc_free(d);
  d = attr("The storm destroyed forty homes, according to the fire service.");
  q = d ? find(d, "The storm destroyed") : NULL;
  CHECK(q && q->kind == PC_QUOTE_INDIRECT);
  CHECK_STR(q ? q->speaker : NULL, "fire service");
  pc_doc_free(d);
}

static void test_speakers(void) {
  /* surname to full name, pronoun to the last person, role phrase */
  pc_doc *d = attr("The report was written by Alastair Crooke, a former "
                   "diplomat. He points out that the vote was rigged. Crooke "
                   "says the count must be repeated. The spokesman for the "
                   "United Nations stated that observers were present.");
  const pc_quote *q = d ? find(d, "the vote was rigged") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Alastair Crooke");
  q = d ? find(d, "the count must") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Alastair Crooke");
  q = d ? find(d, "observers were present") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "spokesman for the United Nations");
  pc_doc_free(d);
  /* she is the last woman named, he the last man */
  d = attr("Mary Smith met John Brown in Paris. She said that the deal was "
           "done. He said that it was not.");
  q = d ? find(d, "the deal was done") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Mary Smith");
  q = d ? find(d, "it was not") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "John Brown");
  pc_doc_free(d);
  /* a quote with no cue continues the previous speaker; dates */
  d = attr("On April 2, Ann Lee said that the plant would close.\n\n"
           "“It is a sad day for the town.”");
  q = d ? find(d, "It is a sad day") : NULL;
  CHECK(q && q->kind == PC_QUOTE_DIRECT && q->cue == NULL);
  CHECK_STR(q ? q->speaker : NULL, "Ann Lee");
  q = d ? find(d, "the plant would close") : NULL;
  CHECK_STR(q ? q->date : NULL, "2024-04-02");
  pc_doc_free(d);
  /* nested speech is a quote of its own, inside its parent */
  d = attr("Ann Lee said that the spokesman for the ministry stated that "
           "the plant was safe.");
  q = d ? find(d, "the plant was safe") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "spokesman for the ministry");
  CHECK(q && q->parent >= 0);
  pc_doc_free(d);
}

/* The person among appositions, left or right of the cue, and names that
 * are not persons. */
static void test_appositions(void) {
  pc_doc *d = attr("Charles Simpson, program administrator for the Refugees "
                   "Project at Tufts University's Feinstein Center, told "
                   "reporters the allegations are false.");
  const pc_quote *q = d ? find(d, "the allegations are false") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Charles Simpson");
  pc_doc_free(d);
  d = attr("Trump wants to leave, but General Mark Milley, chairman of the "
           "Joint Chiefs of Staff, told US media that its forces would "
           "remain.");
  q = d ? find(d, "its forces would remain") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Mark Milley");
  pc_doc_free(d);
  /* a name after "of" only modifies the phrase, all of its words */
  d = attr("Dr. Silvia S. Martins, professor at Columbia University School "
           "of Public Health, commented: \"Use is rising fast.\"");
  q = d ? find(d, "Use is rising") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Silvia S. Martins");
  pc_doc_free(d);
  /* the person right of the cue, past an apposition */
  d = attr("The envoy ran the policy, said another witness in the probe, "
           "former adviser Fiona Hill.");
  q = d ? find(d, "The envoy ran") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Fiona Hill");
  pc_doc_free(d);
  /* "Cmdr." and "Nov." do not end the sentence; ", and that" splits */
  d = attr("Cmdr. Sean Robertson, a spokesperson for the U.S. operation in "
           "Iraq and Syria, told correspondent Carla Babb on Nov. 3 that "
           "the claim \u201cis false,\u201d and that \u201cthe camp is "
           "open.\u201d");
  q = d ? find(d, "the claim") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Sean Robertson");
  q = d ? find(d, "the camp is open") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Sean Robertson");
  pc_doc_free(d);
  /* regions and "the X Y" are not persons */
  d = attr("Middle East observers say the base is vital. The US welcomed "
           "the exchange, saying the hostages had suffered.");
  q = d ? find(d, "the base is vital") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Middle East observers");
  q = d ? find(d, "the hostages had") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "United States");
  pc_doc_free(d);
}

/* Cue shapes: passive, coordinated, inset, sentence-final, weak. */
static void test_cue_shapes(void) {
  /* a passive cue's subject is the addressee, not a speaker */
  pc_doc *d = attr("John Smith was told that the plant would close.");
  CHECK(d && pc_doc_quote_count(d) == 0);
  pc_doc_free(d);
  /* "accused X of Y", and a second cue of the same subject */
  d = attr("Mary Jones spoke on Friday. She described the deal as a "
           "\"disaster\" and accused the board of hiding the losses.");
  const pc_quote *q = d ? find(d, "the board of hiding") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Mary Jones");
  CHECK_STR(q ? q->cue : NULL, "accused");
  q = d ? find(d, "the deal as") : NULL;
  CHECK(q && strstr(q->text, "accused") == NULL);
  pc_doc_free(d);
  /* an inset attribution reports the clause after it */
  d = attr("Steve Clarke spoke. The larger landers, he said, could deliver "
           "tools needed by astronauts.");
  q = d ? find(d, "could deliver tools") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Steve Clarke");
  pc_doc_free(d);
  /* an attribution ending the sentence holds the cues before it */
  d = attr("Afterward, Gordon Sondland said he had relayed the offer, "
           "Timothy Morrison testified.");
  q = d ? find(d, "Afterward") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Timothy Morrison");
  q = d ? find(d, "he had relayed") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Gordon Sondland");
  CHECK(q && q->parent >= 0);
  pc_doc_free(d);
  /* "the company" is the organisation named last; "his office" is not */
  d = attr("Big Machine Label Group released a statement. But the company "
           "says she did not need permission.");
  q = d ? find(d, "she did not need") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Big Machine Label Group");
  pc_doc_free(d);
  /* a cue that is also a noun needs a known speaker */
  d = attr("Other estimates are in the same ballpark. Republican state "
           "schools chief Ann Lee left.");
  CHECK(d && pc_doc_quote_count(d) == 0);
  pc_doc_free(d);
  /* name particles, and the subject of "and noted" */
  d = attr("Prices will rise for everyone, said Monica de Bolle, a senior "
           "fellow. Van Der Beek touched upon it and noted there should be "
           "no shame.");
  q = d ? find(d, "Prices will rise") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Monica de Bolle");
  q = d ? find(d, "there should be") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Van Der Beek");
  pc_doc_free(d);
}

/* "Trump's lawyer said": the owner named is not the speaker */
static void test_owned(void) {
  pc_doc *d = attr("Donald Trump met reporters. Trump's lawyer said that the "
                   "case was closed. Mary Roe's source inside the camp, a "
                   "refugee who asked not to be named, said that the road "
                   "was shut. Donald Trump's spokesman, Sean Spicer, said "
                   "the deal was off.");
  const pc_quote *q = d ? find(d, "the case was closed") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Trump's lawyer");
  q = d ? find(d, "the road was shut") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Mary Roe's source inside the camp");
  q = d ? find(d, "the deal was off") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Sean Spicer");
  pc_doc_free(d);
}

/* A relative clause between commas describes the name before it; a name
 * inside the quotation is not what a pronoun after it stands for. */
static void test_relative_and_inner_names(void) {
  pc_doc *d = attr("Michael Thomas was charged. Montell Figgins, who "
                   "represents Thomas, said his client chose not to accept a "
                   "plea. Sen. Ben Sasse said the charges are overdue. "
                   "“Heads needed to roll the day Jeffrey Epstein died,” he "
                   "said.");
  const pc_quote *q = d ? find(d, "his client chose") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Montell Figgins");
  pc_doc_free(d);
  /* "he" after that goes on with Figgins, named only beside him */
  d = attr("Michael Thomas was charged. Montell Figgins, who represents "
           "Michael Thomas, said his client chose not to accept a plea. He "
           "said Thomas is a single father. Sen. Ben Sasse said the charges "
           "are overdue.");
  q = d ? find(d, "Thomas is a single") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Montell Figgins");
  pc_doc_free(d);
  d = attr("Michael Thomas was charged. Montell Figgins, who "
           "represents Thomas, said his client chose not to accept a "
           "plea. Sen. Ben Sasse said the charges are overdue. "
           "“Heads needed to roll the day Jeffrey Epstein died,” he "
           "said.");
  q = d ? find(d, "Heads needed") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Ben Sasse");
  pc_doc_free(d);
  /* a name in the apposition's prepositional phrase is not the speaker;
   * wire copy's ’’ and '' close a quotation */
  d = attr("“It was an attempt to mislead voters,’’ Tom Moy, chief executive "
           "of the website Full Fact, told the BBC. ''We will act,'' Ann Lee "
           "said.");
  q = d ? find(d, "It was an attempt") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Tom Moy");
  CHECK(q && q->kind == PC_QUOTE_DIRECT);
  q = d ? find(d, "We will act") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Ann Lee");
  pc_doc_free(d);
}

/* "the group" stands for what "the group" stood for before, not for the
 * organisation named last */
static void test_same_description(void) {
  pc_doc *d = attr("The WeWorkers Coalition sent a letter. The group "
                   "announced that WeWork had reached an agreement with JLL. "
                   "However, the group said that the contract has confused "
                   "employees.");
  const pc_quote *q = d ? find(d, "the contract has") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "WeWorkers Coalition");
  pc_doc_free(d);
  /* a role word keeps its preposition: not Britain speaking */
  d = attr("China’s ambassador to Britain warned that the government would "
           "act.");
  q = d ? find(d, "the government would") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "China’s ambassador to Britain");
  pc_doc_free(d);
  /* "the president" is the person named with that role; the writer's
   * words after a dash are not the report */
  d = attr("President Donald Trump spoke on Friday. The president says his "
           "approach has created leverage — and in some cases, he is right.");
  q = d ? find(d, "his approach") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Donald Trump");
  CHECK_STR(q ? q->text : NULL, "his approach has created leverage");
  pc_doc_free(d);
  /* a subordinator or an adverb is no part of the speaker; "WHO" is no
   * relative pronoun */
  d = attr("The risk is low, though officials said the city was vulnerable. "
           "Beijing officials ultimately said the city had ten cases. The "
           "WHO said the risk was low.");
  q = d ? find(d, "the city was") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "officials");
  q = d ? find(d, "the city had") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Beijing officials");
  q = d ? find(d, "the risk was low") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "World Health Organization");
  pc_doc_free(d);
  /* "Oklahoma City coach Billy Donovan": the last name is the head */
  d = attr("Oklahoma City coach Billy Donovan said the team did well.");
  q = d ? find(d, "the team did") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Billy Donovan");
  pc_doc_free(d);
  /* "where" ends the noun phrase before it */
  d = attr("Officials met in Kabul where officials say the road is shut.");
  q = d ? find(d, "the road is shut") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "officials");
  pc_doc_free(d);
  /* a relative clause without commas before the cue */
  d = attr("Washington-based analysts who have done the calculations say "
           "they have difficulty figuring it out.");
  q = d ? find(d, "they have difficulty") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Washington-based analysts");
  pc_doc_free(d);
}

static void test_entities(void) {
  pc_doc *d = attr("Officials in Washington and the U.S. Congress met "
                   "British and Russian envoys in London and Moscow.");
  int usa = 0, gbr = 0, rus = 0;
  for (size_t i = 0; d && i < pc_doc_entity_count(d); i++) {
    const pc_entity *e = pc_doc_entity(d, i);
    if (e->country && strcmp(e->country, "USA") == 0) {
      usa++;
      CHECK_STR(e->name, "United States");
    }
    if (e->country && strcmp(e->country, "GBR") == 0) {
      gbr++;
      CHECK(e->mentions == 2);
    }
    if (e->country && strcmp(e->country, "RUS") == 0)
      rus++;
  }
  CHECK(usa == 1 && gbr == 1 && rus == 1); /* aliases merged */
  pc_doc_free(d);
}

static const pc_claim *claim_by(const pc_doc *d, const char *claimant) {
  for (size_t i = 0; d && i < pc_doc_claim_count(d); i++)
    if (strcmp(pc_doc_claim(d, i)->claimant, claimant) == 0)
      return pc_doc_claim(d, i);
  return NULL;
}

static void test_claims(void) {
  {
    /* a coordinated "accused" has the subject of the first verb; "ruled
     * out X involvement" denies */
    pc_doc *d = attr("Mary Jones spoke on Friday. She praised the staff and "
                     "accused Tom Bell of hiding the losses. The Afghan "
                     "government has ruled out Taliban involvement.");
    const pc_claim *c = claim_by(d, "Mary Jones");
    CHECK(c && !c->deny);
    CHECK_STR(c ? c->accused[0] : NULL, "Tom Bell");
    c = claim_by(d, "Afghan government");
    CHECK(c && c->deny);
    pc_doc_free(d);
  }
  pc_doc *d = attr("Ann Lee said that Britain and Ukraine were behind the "
                   "attack. Bob Stone said that the raid was carried out by "
                   "ISIS, and that “Ukraine wasn’t involved”.");
  const pc_claim *c = claim_by(d, "Ann Lee");
  CHECK(c && !c->deny && c->naccused == 2);
  CHECK_STR(c ? c->accused[0] : NULL, "United Kingdom");
  CHECK_STR(c ? c->event : NULL, "attack");
  int accuse = 0, deny = 0;
  for (size_t i = 0; d && i < pc_doc_claim_count(d); i++) {
    c = pc_doc_claim(d, i);
    if (strcmp(c->claimant, "Bob Stone") == 0) {
      if (c->deny)
        deny++;
      else
        accuse++;
    }
  }
  CHECK(accuse == 1 && deny == 1);
  pc_doc_free(d);
  /* the subject is the claimant: "the Russians are accusing X" */
  d = attr("Ann Lee said that the Russians are accusing the United States.");
  c = claim_by(d, "Russia");
  CHECK_STR(c ? c->accused[0] : NULL, "United States");
  pc_doc_free(d);
  /* pronoun claimants, and claims about oneself */
  d = attr("Mary Smith met Bob Stone. She accused him of fraud. He has "
           "consistently denied being unfair.");
  c = claim_by(d, "Mary Smith");
  CHECK(c && !c->deny && c->naccused == 1);
  CHECK_STR(c ? c->accused[0] : NULL, "Bob Stone");
  c = claim_by(d, "Bob Stone");
  CHECK(c && c->deny);
  CHECK_STR(c ? c->accused[0] : NULL, "Bob Stone");
  pc_doc_free(d);
  /* must not be reported: negation, questions, hypotheticals, narration */
  d = attr("The Russians never accused London of being responsible. Who "
           "stands behind the attack? Ann Lee said that to say that the "
           "French are accusing Spain is wrong. Britain was behind the "
           "delay.");
  CHECK(d && pc_doc_claim_count(d) == 0);
  pc_doc_free(d);
  d = attr("Ann Lee said that those who masterminded this crime will pay.");
  CHECK(d && pc_doc_claim_count(d) == 0);
  pc_doc_free(d);
  /* "U.S. forces" are held to account as the United States; coordinated
   * adjectives belong to the claimant */
  d = attr("The Russian and Syrian defense ministries accused U.S. forces in "
           "southern Syria of blocking the road.");
  c = claim_by(d, "Russian and Syrian defense ministries");
  CHECK(c && !c->deny);
  CHECK_STR(c ? c->accused[0] : NULL, "United States");
  pc_doc_free(d);
}

/* A rejection of "these accusations", or "the claim is false", denies the
 * accusation made last, for the rejecting subject or the speaker. */
static void test_rebuttals(void) {
  pc_doc *d = attr("The ministries accused Britain of blocking the road. The "
                   "Pentagon rejected these accusations as false. Ann Lee "
                   "said the claims are baseless. Bob Stone told reporters "
                   "that the claim “is not true.”");
  const char *who[] = {"Pentagon", "Ann Lee", "Bob Stone"};
  for (size_t k = 0; k < 3; k++) {
    const pc_claim *c = claim_by(d, who[k]);
    CHECK(c && c->deny && c->naccused == 1);
    CHECK_STR(c ? c->accused[0] : NULL, "United Kingdom");
    CHECK_STR(c ? c->event : NULL, "blocking the road");
  }
  pc_doc_free(d);
  /* "the Syrian claims are false": "claims" is the noun, not a cue */
  d = attr("The Russian and Syrian claims are false, and the Iranian claims "
           "were wrong.");
  CHECK(d && pc_doc_quote_count(d) == 0);
  pc_doc_free(d);
  /* no accusation before, a rejection not made, a claim said to be true */
  d = attr("The Pentagon rejected these accusations. Ann Lee said the claims "
           "are true.");
  CHECK(d && pc_doc_claim_count(d) == 0);
  pc_doc_free(d);
  d = attr("The ministries accused Britain of blocking the road. The Pentagon "
           "did not reject the accusations. Ann Lee said the claims are "
           "true.");
  CHECK(d && pc_doc_claim_count(d) == 1);
  pc_doc_free(d);
}

/* "called X “Y”" reports the quoted words; "called" alone is no cue */
static void test_called(void) {
  pc_doc *d = attr("Sen. Ben Sasse called his death “a crisis of public "
                   "trust” within the prison system. Ann Lee called her "
                   "mother. Bob Stone called for calm.");
  CHECK(d && pc_doc_quote_count(d) == 1);
  const pc_quote *q = d ? find(d, "his death") : NULL;
  CHECK_STR(q ? q->speaker : NULL, "Ben Sasse");
  CHECK(q && q->kind == PC_QUOTE_MIXED);
  pc_doc_free(d);
}

static void test_not_quotes(void) {
  /* a time or a place after the cue is no speech */
  {
    pc_doc *d = attr("“We are taking in billions,” Mr. Trump said on Nov. 8. "
                     "Bob Stone said at a Nov. 6 event at the Peterson "
                     "Institute in Washington.");
    CHECK(d && pc_doc_quote_count(d) == 1);
    pc_doc_free(d);
  }
  /* scare quotes and narration are not speech */
  pc_doc *d = attr("The so-called “rat-run” runs through the valley. Prices "
                   "rose again in March.");
  CHECK(d && pc_doc_quote_count(d) == 0);
  pc_doc_free(d);
  /* "States" in "United States" is not the verb "states" */
  d = attr("The United States imposed tariffs on steel last year.");
  CHECK(d && pc_doc_quote_count(d) == 0);
  pc_doc_free(d);
}

/* A language is a data folder: a German lexicon in --data-dir, picked by
 * the document's language, with no code change. */
static void test_language_folder(void) {
  char dir[] = "/tmp/pc-lex-XXXXXX";
  if (!mkdtemp(dir)) {
    CHECK(0);
    return;
  }
  char path[256];
  snprintf(path, sizeof path, "%s/de", dir);
  CHECK(mkdir(path, 0700) == 0);
  static const char *const files[] = {"cues.txt", "frames.txt",
                                      "pronouns.txt", "roles.txt",
                                      "honorifics.txt", "claims.txt",
                                      "countries.txt", "groups.txt",
                                      "given-names.txt", "complementizers.txt",
                                      "function-words.txt"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/de/%s", dir, files[i]);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
      continue;
    if (strcmp(files[i], "cues.txt") == 0)
      fputs("sagte\nerklärte\n", f);
    if (strcmp(files[i], "pronouns.txt") == 0)
      fputs("er m\nsie f\n", f);
    if (strcmp(files[i], "roles.txt") == 0)
      fputs("sprecher\nministerin\n", f);
    if (strcmp(files[i], "complementizers.txt") == 0)
      fputs("dass\n", f);
    if (strcmp(files[i], "function-words.txt") == 0)
      fputs("det der die das dem den des\nstop dass und ist sind war\n"
            "prep für bei auf von mit\ncap der die das titel\n", f);
    fclose(f);
  }
  pc_ctx *de = NULL;
  pc_error err;
  CHECK(pc_ctx_new(dir, &de, &err) == PC_OK);
  const char *text = "Titel\n\nAnna Schmidt, die Ministerin, sagte, dass der "
                     "Plan für die Brücke nicht mehr zu retten ist und dass "
                     "die Stadt bei dem Bau auf die Hilfe des Landes wartet.\n";
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  pc_doc *d = NULL;
  if (de && pc_extract(de, text, strlen(text), &o, &d, &err) == PC_OK &&
      pc_attribute(de, d, NULL, &err) == PC_OK) {
    CHECK_STR(pc_doc_meta(d, PC_META_LANG), "de");
    const pc_quote *q = find(d, "der Plan");
    CHECK(q != NULL);
    CHECK_STR(q ? q->speaker : NULL, "Anna Schmidt");
    CHECK_STR(q ? q->cue : NULL, "sagte");
  } else {
    CHECK(0);
  }
  pc_doc_free(d);
  pc_ctx_free(de);
  /* a line with an unknown category is a clear error, not lost words */
  snprintf(path, sizeof path, "%s/de/function-words.txt", dir);
  FILE *bad = fopen(path, "a");
  if (bad) {
    fputs("detr der\n", bad);
    fclose(bad);
  }
  de = NULL;
  CHECK(pc_ctx_new(dir, &de, &err) == PC_ERR_INPUT);
  CHECK(de == NULL && strstr(err.msg, "detr") != NULL);
  pc_ctx_free(de);
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/de/%s", dir, files[i]);
    remove(path);
  }
  snprintf(path, sizeof path, "%s/de", dir);
  rmdir(path);
  rmdir(dir);
}

int main(void) {
  pc_error err;
  if (pc_ctx_new(NULL, &ctx, &err) != PC_OK)
    return 1;
  test_direct();
  test_mixed_indirect();
  test_speakers();
  test_appositions();
  test_cue_shapes();
  test_entities();
  test_owned();
  test_same_description();
  test_relative_and_inner_names();
  test_claims();
  test_rebuttals();
  test_called();
  test_not_quotes();
  test_language_folder();
  pc_ctx_free(ctx);
  return h_report();
}
