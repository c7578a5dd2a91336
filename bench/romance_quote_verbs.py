"""Writes reports/analysis/lang/{es,it}/quote_verbs.txt, the Spanish and Italian reporting
verbs the quotation pass reads, by conjugating a short list of infinitives.

    .venv/bin/python bench/romance_quote_verbs.py     # rewrite both data files

French has a public list of inflected forms (bench/french_quote_verbs.py); for Spanish and
Italian none is at hand, so the infinitives below (newsroom usage, no corpus read) are
conjugated here. A writer reports someone's words in the third person, so only those forms are
written: present, simple past (pretérito indefinido, passato remoto), imperfect, future and
conditional, singular and plural, the past participle (with the auxiliary: "ha dicho", "ha
detto"; Italian agrees it too, "è stata annunciata") and the gerund. A regular verb gets its
conjugation's endings, with the spelling changes of the stem ("spiegherà", "annuncerà",
"concluyó"); an irregular one has the forms that differ written out in `IRREGULAR`, by slot.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "reports" / "analysis" / "lang" / "{code}" / "quote_verbs.txt"

VERBS = {
    "es": """
aclarar acusar admitir advertir afirmar agradecer agregar alertar añadir anticipar anunciar
apostillar apuntar argumentar asegurar aseverar avisar bromear celebrar comentar concluir
confesar confirmar contar contestar criticar decir declarar defender denunciar destacar detallar
enfatizar escribir exclamar exigir explicar expresar indicar informar insistir lamentar
mantener manifestar matizar narrar observar opinar pedir precisar preguntar prometer proseguir
puntualizar reclamar recalcar reconocer recordar relatar reiterar replicar reprochar resaltar
responder resumir revelar sentenciar señalar sostener subrayar sugerir tuitear valorar zanjar
""",
    "it": """
accusare affermare aggiungere ammettere ammonire annunciare assicurare attaccare auspicare
avvertire chiarire chiedere commentare concludere confermare confidare continuare criticare
denunciare dichiarare dire domandare esclamare esordire evidenziare garantire incalzare
insistere ironizzare lamentare osservare precisare promettere proporre proseguire puntualizzare
raccontare rassicurare replicare ribadire ribattere ricordare riconoscere rilanciare rimarcare
ripetere rispondere rivelare scrivere segnalare sintetizzare sostenere sottolineare spiegare
suggerire tuonare twittare
""",
}
# The forms a regular verb's endings get wrong, by slot (see `spanish` and `italian`).
IRREGULAR: dict[str, dict[str, str]] = {
    "es": {
        "advertir": "pres=advierte pres_pl=advierten past=advirtió past_pl=advirtieron gerund=advirtiendo",
        "confesar": "pres=confiesa pres_pl=confiesan",
        "contar": "pres=cuenta pres_pl=cuentan",
        "defender": "pres=defiende pres_pl=defienden",
        "decir": "pres=dice pres_pl=dicen past=dijo past_pl=dijeron fut=dirá fut_pl=dirán cond=diría "
                 "cond_pl=dirían participle=dicho gerund=diciendo",
        "escribir": "participle=escrito",
        "manifestar": "pres=manifiesta pres_pl=manifiestan",
        "mantener": "pres=mantiene pres_pl=mantienen past=mantuvo past_pl=mantuvieron fut=mantendrá "
                    "fut_pl=mantendrán cond=mantendría cond_pl=mantendrían",
        "pedir": "pres=pide pres_pl=piden past=pidió past_pl=pidieron gerund=pidiendo",
        "proseguir": "pres=prosigue pres_pl=prosiguen past=prosiguió past_pl=prosiguieron gerund=prosiguiendo",
        "recordar": "pres=recuerda pres_pl=recuerdan",
        "sostener": "pres=sostiene pres_pl=sostienen past=sostuvo past_pl=sostuvieron fut=sostendrá "
                    "fut_pl=sostendrán cond=sostendría cond_pl=sostendrían",
        "sugerir": "pres=sugiere pres_pl=sugieren past=sugirió past_pl=sugirieron gerund=sugiriendo",
    },
    "it": {
        "aggiungere": "past=aggiunse past_pl=aggiunsero participle=aggiunto participle_f=aggiunta",
        "ammettere": "past=ammise past_pl=ammisero participle=ammesso participle_f=ammessa",
        "chiedere": "past=chiese past_pl=chiesero participle=chiesto participle_f=chiesta",
        "concludere": "past=concluse past_pl=conclusero participle=concluso participle_f=conclusa",
        "dire": "pres=dice pres_pl=dicono past=disse past_pl=dissero impf=diceva impf_pl=dicevano "
                "participle=detto participle_f=detta gerund=dicendo",
        "insistere": "past=insistette past_pl=insistettero participle=insistito participle_f=insistita",
        "promettere": "past=promise past_pl=promisero participle=promesso participle_f=promessa",
        "proporre": "pres=propone pres_pl=propongono past=propose past_pl=proposero impf=proponeva "
                    "impf_pl=proponevano participle=proposto participle_f=proposta gerund=proponendo",
        "riconoscere": "past=riconobbe past_pl=riconobbero participle=riconosciuto participle_f=riconosciuta",
        "rispondere": "past=rispose past_pl=risposero participle=risposto participle_f=risposta",
        "scrivere": "past=scrisse past_pl=scrissero participle=scritto participle_f=scritta",
        "sostenere": "pres=sostiene pres_pl=sostengono past=sostenne past_pl=sostennero fut=sosterrà "
                     "fut_pl=sosterranno cond=sosterrebbe cond_pl=sosterrebbero",
    },
}
# Italian -ire verbs that insert -isc- in the present ("ribadisce"); the others do not ("avverte").
ITALIAN_ISC = {"ammonire", "chiarire", "esordire", "garantire", "ribadire", "suggerire"}


def spanish(verb: str) -> dict[str, str]:
    """A regular Spanish verb's third-person forms by slot."""
    stem, ending = verb[:-2], verb[-2:]
    forms = {"fut": verb + "á", "fut_pl": verb + "án", "cond": verb + "ía", "cond_pl": verb + "ían"}
    if ending == "ar":
        forms |= {"pres": stem + "a", "pres_pl": stem + "an", "past": stem + "ó", "past_pl": stem + "aron",
                  "impf": stem + "aba", "impf_pl": stem + "aban", "participle": stem + "ado", "gerund": stem + "ando"}
    elif verb.endswith("uir"):  # "concluir": concluye, concluyó
        forms |= {"pres": stem + "ye", "pres_pl": stem + "yen", "past": stem + "yó", "past_pl": stem + "yeron",
                  "impf": stem + "ía", "impf_pl": stem + "ían", "participle": stem + "ido", "gerund": stem + "yendo"}
    else:
        forms |= {"pres": stem + "e", "pres_pl": stem + "en", "past": stem + "ió", "past_pl": stem + "ieron",
                  "impf": stem + "ía", "impf_pl": stem + "ían", "participle": stem + "ido", "gerund": stem + "iendo"}
    return forms


def italian(verb: str) -> dict[str, str]:
    """A regular Italian verb's third-person forms by slot."""
    stem, ending = verb[:-3], verb[-3:]
    if ending == "are":
        future = stem + "h" if stem.endswith(("c", "g")) else stem[:-1] if stem.endswith(("ci", "gi")) else stem
        return {"pres": stem + "a", "pres_pl": stem + "ano", "past": stem + "ò", "past_pl": stem + "arono",
                "impf": stem + "ava", "impf_pl": stem + "avano", "fut": future + "erà", "fut_pl": future + "eranno",
                "cond": future + "erebbe", "cond_pl": future + "erebbero", "participle": stem + "ato",
                "participle_f": stem + "ata", "gerund": stem + "ando"}
    vowel = ending[0]  # "e" or "i"
    isc = "isc" if verb in ITALIAN_ISC else ""
    return {"pres": stem + isc + "e", "pres_pl": stem + isc + "ono",
            "past": stem + ("é" if vowel == "e" else "ì"), "past_pl": stem + vowel + "rono",
            "impf": stem + vowel + "va", "impf_pl": stem + vowel + "vano",
            "fut": stem + vowel + "rà", "fut_pl": stem + vowel + "ranno",
            "cond": stem + vowel + "rebbe", "cond_pl": stem + vowel + "rebbero",
            "participle": stem + ("uto" if vowel == "e" else "ito"),
            "participle_f": stem + ("uta" if vowel == "e" else "ita"), "gerund": stem + "endo"}


CONJUGATE: dict[str, Callable[[str], dict[str, str]]] = {"es": spanish, "it": italian}
NAMES = {"es": "Spanish", "it": "Italian"}


def forms_of(code: str, verb: str) -> set[str]:
    """Every third-person form of the verb: the regular ones with the irregular slots replaced."""
    slots = CONJUGATE[code](verb)
    slots |= dict(item.split("=") for item in IRREGULAR[code].get(verb, "").split())
    return set(slots.values())


def write(code: str) -> None:
    verbs = sorted(set(VERBS[code].split()))
    forms = sorted({form for verb in verbs for form in forms_of(code, verb)})
    by_letter: dict[str, list[str]] = {}
    for form in forms:
        by_letter.setdefault(form[0], []).append(form)
    target = Path(str(TARGET).format(code=code))
    header = [
        f"# {NAMES[code]} reporting verbs: {len(forms)} third-person forms of {len(verbs)} infinitives,",
        "# written by bench/romance_quote_verbs.py (edit the infinitives there, not this file).",
    ]
    body = [" ".join(words) for _, words in sorted(by_letter.items())]
    target.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{target.relative_to(REPO)}: {len(forms)} forms of {len(verbs)} verbs", file=sys.stderr)


def main() -> None:
    for code in VERBS:
        write(code)


if __name__ == "__main__":
    main()
