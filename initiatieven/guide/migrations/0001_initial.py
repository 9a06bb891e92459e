"""The guide takes over its models from initiatieven without losing a row: first it adopts
the existing tables as they are (state only), then renames them to the guide's own names
(AlterModelTable also renames the many-to-many tables), and points the content types of the
existing pages, revisions and permissions at the new app label."""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models


MODELS = ("themeindexpage", "offerpage", "organisationeditors")


def _move_content_types(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new_label, model=model).exists():
            ContentType.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def adopt_content_types(apps, schema_editor):
    _move_content_types(apps, "initiatieven", "guide")


def give_back_content_types(apps, schema_editor):
    _move_content_types(apps, "guide", "initiatieven")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('home', '0003_dutch_default_workflow'),
        ('initiatieven', '0006_guide_moves_to_its_own_app'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ThemeIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, help_text='Twee of drie korte zinnen.', max_length=400, verbose_name='inleiding')),
                        ('print_intro', models.TextField(blank=True, help_text='Staat op de voorkant van de gids op papier. Korte zinnen.', max_length=600, verbose_name='inleiding van de papieren gids')),
                    ],
                    options={
                        'db_table': 'initiatieven_themeindexpage',
                        'verbose_name': 'wat kun je doen in de wijk',
                        'verbose_name_plural': 'wat kun je doen in de wijk',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='OfferPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('summary', models.CharField(help_text='Eén of twee korte zinnen. Bijvoorbeeld: Elke week samen wandelen in de wijk.', max_length=240, verbose_name='wat is het?')),
                        ('body', models.TextField(blank=True, help_text="Korte zinnen, gewone woorden. Spreek de lezer aan met 'u'.", verbose_name='meer uitleg')),
                        ('kind', models.CharField(choices=[('meedoen', 'Iets om mee te doen'), ('hulp', 'Hulp of advies')], default='meedoen', help_text='Kan de lezer hier iets doen, of krijgt de lezer hier hulp?', max_length=12, verbose_name='soort')),
                        ('audience', models.CharField(choices=[('iedereen', 'Iedereen'), ('kinderen', 'Kinderen'), ('jongeren', 'Jongeren'), ('ouders', 'Ouders'), ('volwassenen', 'Volwassenen'), ('ouderen', 'Ouderen'), ('mantelzorgers', 'Mantelzorgers')], default='iedereen', max_length=20, verbose_name='voor wie?')),
                        ('audience_note', models.CharField(blank=True, help_text='Niet verplicht. Bijvoorbeeld: voor 55-plussers.', max_length=120, verbose_name='voor wie (uitleg)')),
                        ('is_free', models.BooleanField(default=False, verbose_name='gratis')),
                        ('cost', models.CharField(blank=True, help_text='Bijvoorbeeld: € 2 per keer. Laat leeg als het gratis is.', max_length=120, verbose_name='wat kost het?')),
                        ('when', models.CharField(blank=True, help_text='Bijvoorbeeld: elke dinsdag om 10.00 uur.', max_length=160, verbose_name='wanneer?')),
                        ('where', models.CharField(blank=True, help_text='Bijvoorbeeld: Huis van de Buurt.', max_length=160, verbose_name='waar?')),
                        ('how_to_join', models.CharField(blank=True, choices=[('bellen', 'Bel'), ('binnenlopen', 'Loop binnen'), ('aanmelden', 'Meld u aan'), ('huisarts', 'Vraag het uw huisarts')], max_length=12, verbose_name='hoe doet u mee?')),
                        ('join_note', models.CharField(blank=True, help_text='Bijvoorbeeld: Bel op werkdagen tussen 9 en 12 uur.', max_length=200, verbose_name='uitleg bij meedoen')),
                        ('phone', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^\\+?[0-9 ()-]{8,20}$', 'Vul een telefoonnummer in met alleen cijfers, spaties of streepjes, bijvoorbeeld 071 123 45 67.')], verbose_name='telefoon')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('signup_url', models.URLField(blank=True, verbose_name='link om u aan te melden')),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='offers', to='initiatieven.initiatiefpage', verbose_name='initiatiefgroep')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='offers', to='home.organisation', verbose_name='organisatie')),
                        ('themes', modelcluster.fields.ParentalManyToManyField(related_name='offers', to='home.theme', verbose_name="thema's")),
                    ],
                    options={
                        'db_table': 'initiatieven_offerpage',
                        'verbose_name': 'aanbod',
                        'verbose_name_plural': 'aanbod',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='OrganisationEditors',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('group', models.OneToOneField(help_text='Bijvoorbeeld: Redacteuren Reos.', on_delete=django.db.models.deletion.CASCADE, related_name='guide_editors', to='auth.group', verbose_name='gebruikersgroep')),
                        ('organisations', models.ManyToManyField(help_text='De leden van de groep mogen alleen het aanbod van deze organisaties aanpassen.', related_name='+', to='home.organisation', verbose_name='organisaties')),
                    ],
                    options={
                        'db_table': 'initiatieven_organisationeditors',
                        'verbose_name': 'redacteuren van een organisatie',
                        'verbose_name_plural': 'redacteuren van organisaties',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="themeindexpage", table=None),
        migrations.AlterModelTable(name="offerpage", table=None),
        migrations.AlterModelTable(name="organisationeditors", table=None),
        migrations.RunPython(adopt_content_types, give_back_content_types),
    ]
