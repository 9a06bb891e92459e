"""The directory and "Mijn profiel". Every view needs a logged-in user; the directory,
profiles and photos also need an approved profile. Headers (noindex, Cache-Control private)
come from smoelenboek.middleware.PrivatePagesMiddleware."""

import io
import json
import zipfile
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from home.models import Organisation, Theme, site_for
from home.ratelimit import too_many
from initiatieven.models import InitiatiefPage

from . import privacy
from .forms import CONSENT_TEXT, DeleteAccountForm, ProfileForm
from .models import Profile, Role, Status
from .services import create_profile, notify_beheer

PER_PAGE = 24


def _own_profile(request):
    return Profile.objects.filter(user=request.user).select_related("organisation").first()


def approved_member_required(view):
    """Logged in (else the login page) and approved on this site (else a friendly page
    that tells why, without any member data)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = _own_profile(request)
        site = site_for(request)
        if profile is None or profile.status != Status.APPROVED or profile.site_id != site.pk:
            return render(request, "smoelenboek/not_approved.html", {"profile": profile}, status=403)
        request.smoelenboek_profile = profile
        return view(request, *args, **kwargs)

    return wrapper


def _group_queryset(site):
    return InitiatiefPage.objects.live_in(site).order_by("title")


@approved_member_required
def directory(request):
    site = site_for(request)
    # shown_to: what this member may see of each contact field (also for a search over them).
    members = Profile.objects.for_site(site).visible().shown_to(request.smoelenboek_profile)
    query = request.GET.get("q", "").strip()[:100]
    filters = {
        "rol": request.GET.get("rol", ""),
        "organisatie": request.GET.get("organisatie", ""),
        "groep": request.GET.get("groep", ""),
        "thema": request.GET.get("thema", ""),
    }
    if filters["rol"] in Role.values:
        members = members.filter(role=filters["rol"])
    else:
        filters["rol"] = ""
    if filters["organisatie"]:
        members = members.filter(organisation__slug=filters["organisatie"])
    if filters["thema"]:
        members = members.filter(themes__slug=filters["thema"])
    if filters["groep"].isdigit():
        members = members.filter(groups__pk=int(filters["groep"]))
    else:
        filters["groep"] = ""
    members = members.select_related("organisation").order_by("name", "pk")
    if query:  # best first: the same understanding of words as the site search
        members = members.search(query, viewer=request.user)
    page_obj = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    visible = Profile.objects.for_site(site).visible()
    extra = "".join(f"&{key}={value}" for key, value in filters.items() if value)
    if query:
        extra += f"&q={query}"
    context = {
        "page_obj": page_obj,
        "members": page_obj.object_list,
        "query": query,
        "filters": filters,
        "filtered": bool(query or any(filters.values())),
        "roles": Role.choices,
        "organisations": Organisation.objects.filter(smoelenboek_profiles__in=visible).distinct(),
        "themes": Theme.objects.all(),
        "groups": _group_queryset(site),
        "extra": extra,
        "own_profile": request.smoelenboek_profile,
    }
    return render(request, "smoelenboek/directory.html", context)


@approved_member_required
def profile_detail(request, pk):
    site = site_for(request)
    own = request.smoelenboek_profile
    queryset = (
        Profile.objects.for_site(site)
        .shown_to(own)
        .select_related("organisation")
        .prefetch_related("themes", Prefetch("groups", queryset=_group_queryset(site)))
    )
    if pk == own.pk:
        profile = get_object_or_404(queryset, pk=pk)
    else:
        profile = get_object_or_404(queryset.visible(), pk=pk)
    return render(
        request,
        "smoelenboek/profile_detail.html",
        {"profile": profile, "is_own": profile.pk == own.pk},
    )


def _serve_photo(profile, size):
    field = profile.thumbnail if size == "klein" else profile.photo
    if not field.name:
        raise Http404("Geen foto")
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as error:
        raise Http404("Geen foto") from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    return response


@login_required
def photo(request, pk, size):
    """A member photo, only for approved members (and the member themself), and for beheer
    reviewing a sign-up. Guessed or hidden ids give the same 404 as ids that do not exist."""
    if request.user.has_perm("smoelenboek.change_profile"):
        return _serve_photo(get_object_or_404(Profile, pk=pk), size)
    return _member_photo(request, pk, size)


@approved_member_required
def _member_photo(request, pk, size):
    site = site_for(request)
    own = request.smoelenboek_profile
    profiles = Profile.objects.for_site(site)
    if pk != own.pk:
        profiles = profiles.visible()
    return _serve_photo(get_object_or_404(profiles, pk=pk), size)


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    profile = _own_profile(request)
    if profile is None:
        # An account from before the smoelenboek (or made in the admin): a profile is only
        # made when the person asks for it (a POST), never just by looking.
        if request.method != "POST" or "start" not in request.POST:
            return render(request, "smoelenboek/start_profile.html")
        profile = create_profile(request.user, request)
        transaction.on_commit(lambda: notify_beheer(profile))
        messages.success(request, "Uw aanmelding is gemaakt. Vul nu uw gegevens in.")
        return redirect("smoelenboek:my_profile")
    site = profile.site
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile, site=site)
        if form.is_valid():
            form.save()
            messages.success(request, "Uw gegevens zijn opgeslagen.")
            return redirect("smoelenboek:my_profile")
        messages.error(request, "Er ging iets mis. Kijk bij de rode meldingen hieronder.")
    else:
        form = ProfileForm(instance=profile, site=site)
    return render(
        request,
        "smoelenboek/my_profile.html",
        {"form": form, "profile": profile, "consent_text": CONSENT_TEXT},
    )


DELETED_FLAG = "smoelenboek_account_deleted"
JSON_NAME = "gegevens.json"
PAGE_NAME = "uw-gegevens.html"
PHOTO_NAMES = {"groot": "foto.jpg", "klein": "foto-klein.jpg"}


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


@login_required
def export(request):
    """All data of the logged-in member, and nobody else's, as JSON (the photo inline)."""
    data = privacy.export_data(request.user)
    response = HttpResponse(_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-stevenshof-vitaal.json"'
    return response


@login_required
def export_zip(request):
    """"Download uw gegevens": a ZIP with a page a person can read (every section in Dutch),
    the photo as picture files, and the same data as JSON for a computer."""
    user = request.user
    profile = privacy.own_profile(user)
    photos = {}
    if profile is not None:
        for size, name in PHOTO_NAMES.items():
            data = profile.photo_bytes(size)
            if data:
                photos[name] = data
    data = privacy.export_data(user, photo=PHOTO_NAMES["groot"] if PHOTO_NAMES["groot"] in photos else "")
    photo = PHOTO_NAMES["groot"] if PHOTO_NAMES["groot"] in photos else None
    page = render_to_string(
        "smoelenboek/export/uw_gegevens.html",
        {
            "sections": privacy.export_sections(data, photo=photo),
            "files": [PAGE_NAME, *photos, JSON_NAME],
            "made_at": timezone.now(),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PAGE_NAME, page)
        for name, content in photos.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)  # JPEG is packed already
        archive.writestr(JSON_NAME, _json(data))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-stevenshof-vitaal.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete the account and everything that names the person (smoelenboek/privacy.py), after
    the password. A wrong password deletes nothing; after a few the limit stops guessing."""
    user = request.user
    status = 200
    limited = False
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=user)
        if user.is_superuser or user.is_staff:
            messages.error(
                request,
                "Een account van de beheerders kunt u hier niet verwijderen. Vraag een andere beheerder.",
            )
            return redirect("smoelenboek:my_profile")
        if too_many(request, "delete_account"):
            form = DeleteAccountForm(user=user)  # this password is not even checked
            limited = True
            status = 429
        elif form.is_valid():
            privacy.forget(user)
            logout(request)
            request.session[DELETED_FLAG] = True  # the confirmation page shows only after a delete
            return redirect("smoelenboek:account_deleted")
        else:
            status = 400
    else:
        form = DeleteAccountForm(user=user)
    context = {"form": form, "limited": limited}
    return render(request, "smoelenboek/delete_account.html", context, status=status)


def account_deleted(request):
    """What was deleted, and what stays, right after a member deleted their account."""
    if not request.session.pop(DELETED_FLAG, False):
        return redirect("/")
    return render(request, "smoelenboek/account_deleted.html")


def photo_url(profile, size="groot"):
    return reverse("smoelenboek:photo", args=[profile.pk, size])
